package io.kpg.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The structural schema of a field or type, as OpenAPI, strict field validation and patching need
 * it. Object schemas are shared per definition (so recursive types work); array and map schemas are
 * made per field, which is why they carry the field's patch metadata.
 */
public final class Schema {

  public enum Type {
    OBJECT,
    MAP,
    ARRAY,
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    INT_OR_STRING,
    /** any JSON value (RawExtension, FieldsV1, free-form JSON) */
    ANY
  }

  /** A named property of an object, with the patch metadata upstream declares on that field. */
  public record Field(
      String name,
      Schema schema,
      String patchStrategy,
      String patchMergeKey,
      String listType,
      List<String> listMapKeys) {

    public boolean mergeList() {
      return patchStrategy != null && patchStrategy.contains("merge");
    }

    public boolean retainKeys() {
      return patchStrategy != null && patchStrategy.contains("retainKeys");
    }
  }

  public final Type type;

  /** OpenAPI format: int32, int64, double, date-time, byte */
  public final String format;

  /** for OBJECT: the definition name, e.g. {@code io.k8s.api.core.v1.PodSpec} */
  public final String definition;

  private final Map<String, Field> properties;
  private Schema items;
  private Schema unknownFields;
  private Set<String> valueStructs = Set.of();
  private Set<String> required = Set.of();
  private List<String> enumValues = List.of();
  private boolean atomic;

  private Schema(Type type, String format, String definition) {
    this.type = type;
    this.format = format;
    this.definition = definition;
    this.properties = type == Type.OBJECT ? new LinkedHashMap<>() : Map.of();
  }

  public static Schema object(String definition) {
    return new Schema(Type.OBJECT, null, definition);
  }

  public static Schema primitive(Type type, String format) {
    return new Schema(type, format, null);
  }

  public static Schema array(Schema items) {
    Schema s = new Schema(Type.ARRAY, null, null);
    s.items = items;
    return s;
  }

  public static Schema map(Schema values) {
    Schema s = new Schema(Type.MAP, null, null);
    s.items = values;
    return s;
  }

  public Map<String, Field> properties() {
    return properties;
  }

  /**
   * The field {@code name}: a declared property, or for objects that keep unknown fields
   * (x-kubernetes-preserve-unknown-fields) an undeclared one typed by {@link #unknownFields()}.
   */
  public Field property(String name) {
    Field f = properties.get(name);
    if (f == null && unknownFields != null) {
      return new Field(name, unknownFields, null, null, null, List.of());
    }
    return f;
  }

  /**
   * Whether property {@code name} holds a Go value struct (not a pointer) in upstream's type: such
   * a field is never absent from a typed object, so it is not "added" when it first gets content.
   */
  public boolean valueStruct(String name) {
    return valueStructs.contains(name);
  }

  void markValueStruct(String name) {
    if (valueStructs.isEmpty()) {
      valueStructs = new java.util.HashSet<>();
    }
    valueStructs.add(name);
  }

  /** Whether {@code name} is a declared property (not one kept as an unknown field). */
  public boolean declares(String name) {
    return properties.containsKey(name);
  }

  /** The schema of undeclared fields an object keeps, or null when it keeps none. */
  public Schema unknownFields() {
    return unknownFields;
  }

  public void setUnknownFields(Schema s) {
    this.unknownFields = s;
  }

  private static final Schema DEDUCED = deducedMap();

  private static Schema deducedMap() {
    Schema s = new Schema(Type.MAP, null, null);
    s.items = s;
    return s;
  }

  /**
   * The type of free-form data (upstream's "deduced" type): objects are maps whose entries are
   * tracked one by one, lists and scalars are atomic.
   */
  public static Schema deduced() {
    return DEDUCED;
  }

  /** element schema of an ARRAY, value schema of a MAP */
  public Schema items() {
    return items;
  }

  public Set<String> required() {
    return required;
  }

  public void setRequired(Set<String> required) {
    this.required = Set.copyOf(required);
  }

  public List<String> enumValues() {
    return enumValues;
  }

  public void setEnumValues(List<String> values) {
    this.enumValues = List.copyOf(values);
  }

  /**
   * Whether an OBJECT or MAP is one unit ({@code x-kubernetes-map-type: atomic}: Go's {@code
   * +structType=atomic} on a type, {@code +mapType=atomic} on a map field): server-side apply owns,
   * compares and replaces it as a whole, like a scalar.
   */
  public boolean atomic() {
    return atomic;
  }

  public void setAtomic(boolean atomic) {
    this.atomic = atomic;
  }

  /** Adds or replaces a property (built-in definitions and CRD schemas are built this way). */
  public void putProperty(Field f) {
    properties.put(f.name(), f);
  }

  @Override
  public String toString() {
    if (this == DEDUCED) {
      return "deduced";
    }
    return definition != null ? definition : type + (items != null ? "<" + items + ">" : "");
  }
}
