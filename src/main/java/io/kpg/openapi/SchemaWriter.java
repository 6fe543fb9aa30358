package io.kpg.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.kpg.json.Json;
import io.kpg.schema.Schema;
import io.kpg.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns {@link Schema} trees into OpenAPI schema objects, collecting every definition they reach.
 * One writer produces one document: in {@link Dialect#V3} references point to {@code
 * #/components/schemas/} and are wrapped in {@code allOf} (as kube-openapi publishes v3); in {@link
 * Dialect#V2} they point to {@code #/definitions/} and are plain {@code $ref}s.
 */
final class SchemaWriter {

  enum Dialect {
    V2,
    V3
  }

  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  static final String TIME = META + "Time";
  static final String MICRO_TIME = META + "MicroTime";
  static final String FIELDS_V1 = META + "FieldsV1";
  static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";

  /** Definitions whose JSON is not their protobuf structure, by proto message full name. */
  private static final Map<String, String> SPECIAL_BY_PROTO =
      Map.of(
          "k8s.io.apimachinery.pkg.apis.meta.v1.Time", TIME,
          "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime", MICRO_TIME,
          "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1", FIELDS_V1,
          "k8s.io.apimachinery.pkg.util.intstr.IntOrString", INT_OR_STRING,
          "k8s.io.apimachinery.pkg.api.resource.Quantity", QUANTITY,
          "k8s.io.apimachinery.pkg.runtime.RawExtension", RAW_EXTENSION);

  /** Marks protobuf messages that only wrap a list of strings (JSON: the list itself). */
  static final String STRING_LIST = "[]string";

  private static final String APIEXT_PROTO =
      "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.";

  private final Dialect dialect;
  private final Map<String, List<Gvk>> gvks;
  private final Set<String> typeMeta;
  private final Map<String, ObjectNode> definitions = new TreeMap<>();

  /**
   * @param gvks group/version/kinds to publish on definitions (by published name)
   * @param typeMeta definitions that get {@code apiVersion} and {@code kind} properties (protobuf
   *     messages do not carry TypeMeta)
   */
  SchemaWriter(Dialect dialect, Map<String, List<Gvk>> gvks, Set<String> typeMeta) {
    this.dialect = dialect;
    this.gvks = gvks;
    this.typeMeta = typeMeta;
  }

  Dialect dialect() {
    return dialect;
  }

  /** The definitions written so far, sorted by name. */
  Map<String, ObjectNode> definitions() {
    return definitions;
  }

  /**
   * Upstream names definitions after Go import paths, which use '-' where proto packages use '_'.
   */
  static String publishedName(String definition) {
    int dot = definition.lastIndexOf('.');
    return dot < 0
        ? definition
        : definition.substring(0, dot).replace('_', '-') + definition.substring(dot);
  }

  String refPath(String name) {
    return (dialect == Dialect.V3 ? "#/components/schemas/" : "#/definitions/") + name;
  }

  /** A reference to a definition, as a property, array item or map value uses it. */
  ObjectNode ref(String name, boolean withDefault) {
    ObjectNode n = Json.object();
    if (dialect == Dialect.V3) {
      n.putArray("allOf").addObject().put("$ref", refPath(name));
      if (withDefault) {
        n.putObject("default");
      }
    } else {
      n.put("$ref", refPath(name));
    }
    return n;
  }

  /** A bare {@code {"$ref": ...}} (request bodies and responses). */
  ObjectNode plainRef(String name) {
    ObjectNode n = Json.object();
    n.put("$ref", refPath(name));
    return n;
  }

  /**
   * Writes the definition of an object schema (and everything it reaches) unless already written.
   *
   * @return the published name
   */
  String define(Schema s, String name) {
    if (definitions.containsKey(name)) {
      return name;
    }
    ObjectNode d = Json.object();
    definitions.put(name, d); // before the fields: recursive types refer back to it
    Map<String, Owned> fields = flattened(s);
    boolean withTypeMeta = typeMeta.contains(name);
    if (!fields.isEmpty() || withTypeMeta) {
      ObjectNode props = Json.object();
      Map<String, ObjectNode> out = new TreeMap<>();
      if (withTypeMeta) {
        out.put("apiVersion", typeMetaProperty("apiVersion"));
        out.put("kind", typeMetaProperty("kind"));
      }
      fields.forEach((n, o) -> out.put(n, property(o.owner(), o.field())));
      out.forEach(props::set);
      d.set("properties", props);
    }
    List<String> required = required(s, fields);
    if (!required.isEmpty()) {
      ArrayNode r = d.putArray("required");
      required.forEach(r::add);
    }
    d.put("type", "object");
    putGvks(d, name);
    putMapType(d, s);
    return name;
  }

  /** Writes a definition built outside {@link Schema} (list types). */
  void defineRaw(String name, ObjectNode d) {
    putGvks(d, name);
    definitions.putIfAbsent(name, d);
  }

  /** {@code x-kubernetes-map-type: atomic} on structs and maps server-side apply treats whole */
  private static void putMapType(ObjectNode n, Schema s) {
    if (s.atomic() && (s.type == Schema.Type.OBJECT || s.type == Schema.Type.MAP)) {
      n.put("x-kubernetes-map-type", "atomic");
    }
  }

  private void putGvks(ObjectNode d, String name) {
    List<Gvk> list = gvks.get(name);
    if (list != null && !list.isEmpty()) {
      ArrayNode a = d.putArray("x-kubernetes-group-version-kind");
      for (Gvk g : list) {
        a.add(g.toJson());
      }
    }
  }

  private static ObjectNode typeMetaProperty(String name) {
    ObjectNode p = Json.object();
    p.put(
        "description",
        name.equals("kind")
            ? "The REST resource this object represents, in CamelCase (e.g. Pod). Read-only;"
                + " servers may infer it from the endpoint."
            : "The versioned schema of this representation (group/version, or just version for"
                + " the core group).");
    p.put("type", "string");
    return p;
  }

  /** A property and the object schema that declares it (differs for embedded structs). */
  record Owned(Schema owner, Schema.Field field) {}

  /**
   * The JSON properties of an object schema, sorted (the schema registry already spreads embedded
   * Go structs into their parent, as JSON does).
   */
  static Map<String, Owned> flattened(Schema s) {
    Map<String, Owned> out = new TreeMap<>();
    for (Schema.Field f : s.properties().values()) {
      out.putIfAbsent(f.name(), new Owned(s, f));
    }
    return out;
  }

  private static List<String> required(Schema s, Map<String, Owned> fields) {
    Set<String> all = new LinkedHashSet<>(s.required());
    for (Owned o : fields.values()) {
      if (o.owner() != s) {
        all.addAll(o.owner().required());
      }
    }
    if (all.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String f : s.properties().keySet()) {
      if (all.contains(f)) {
        out.add(f);
      }
    }
    for (String f : new java.util.TreeSet<>(all)) {
      if (!out.contains(f) && fields.containsKey(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /** The schema of one property of {@code owner}, with its patch and list metadata. */
  ObjectNode property(Schema owner, Schema.Field f) {
    String special = specialOf(owner, f.name());
    ObjectNode n = node(f.schema(), special, false);
    if (f.patchStrategy() != null && !f.patchStrategy().isEmpty()) {
      n.put("x-kubernetes-patch-strategy", f.patchStrategy());
    }
    if (f.patchMergeKey() != null && !f.patchMergeKey().isEmpty()) {
      n.put("x-kubernetes-patch-merge-key", f.patchMergeKey());
    }
    String listType = f.listType();
    boolean implicitAtomic = "atomic".equals(listType) && f.patchStrategy() == null;
    if (listType != null && f.schema().type == Schema.Type.ARRAY && !implicitAtomic) {
      n.put("x-kubernetes-list-type", listType);
      if (listType.equals("map") && f.listMapKeys() != null && !f.listMapKeys().isEmpty()) {
        ArrayNode keys = n.putArray("x-kubernetes-list-map-keys");
        f.listMapKeys().forEach(keys::add);
      }
    }
    return n;
  }

  /**
   * The schema node for a (property, item or value) schema.
   *
   * @param special published name of the special definition the protobuf field refers to, or null
   * @param nested whether this is an array item or map value (those get {@code default: {}})
   */
  private ObjectNode node(Schema s, String special, boolean nested) {
    switch (s.type) {
      case OBJECT -> {
        if (STRING_LIST.equals(special)) {
          ObjectNode n = Json.object();
          n.putObject("items").put("type", "string");
          n.put("type", "array");
          return n;
        }
        if (s.definition == null) {
          return inlineObject(s);
        }
        return ref(define(s, publishedName(s.definition)), true);
      }
      case ARRAY -> {
        ObjectNode n = Json.object();
        n.set("items", node(s.items(), special, true));
        n.put("type", "array");
        return n;
      }
      case MAP -> {
        ObjectNode n = Json.object();
        n.set("additionalProperties", node(s.items(), special, true));
        n.put("type", "object");
        putMapType(n, s);
        return n;
      }
      case INT_OR_STRING -> {
        String name = special != null ? special : "quantity".equals(s.format) ? QUANTITY : null;
        if (name == null) {
          name = INT_OR_STRING;
        }
        defineSpecial(name);
        ObjectNode n = ref(name, nested || name.equals(QUANTITY));
        return n;
      }
      case ANY -> {
        if (special != null) {
          defineSpecial(special);
          ObjectNode n = ref(special, true);
          return n;
        }
        ObjectNode n = Json.object();
        n.put("x-kubernetes-preserve-unknown-fields", true);
        return n;
      }
      default -> {
        if (special != null && (special.equals(TIME) || special.equals(MICRO_TIME))) {
          defineSpecial(special);
          ObjectNode n = ref(special, true);
          return n;
        }
        ObjectNode n = Json.object();
        if (s.format != null && !s.format.isEmpty()) {
          n.put("format", s.format);
        }
        if (!s.enumValues().isEmpty()) {
          ArrayNode e = n.putArray("enum");
          s.enumValues().forEach(e::add);
        }
        n.put("type", primitiveType(s.type));
        return n;
      }
    }
  }

  private ObjectNode inlineObject(Schema s) {
    ObjectNode n = Json.object();
    Map<String, Owned> fields = flattened(s);
    if (!fields.isEmpty()) {
      ObjectNode props = n.putObject("properties");
      fields.forEach((name, o) -> props.set(name, property(o.owner(), o.field())));
    }
    List<String> required = required(s, fields);
    if (!required.isEmpty()) {
      ArrayNode r = n.putArray("required");
      required.forEach(r::add);
    }
    n.put("type", "object");
    putMapType(n, s);
    return n;
  }

  private static String primitiveType(Schema.Type t) {
    return switch (t) {
      case STRING -> "string";
      case INTEGER -> "integer";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      default -> "object";
    };
  }

  /**
   * For a field of a built-in definition: the special definition its protobuf type maps to (Time,
   * Quantity, RawExtension, ...), or null.
   */
  static String specialOf(Schema owner, String field) {
    if (owner.definition == null) {
      return null;
    }
    Descriptor d = SchemaRegistry.builtin().descriptor(owner.definition);
    if (d == null) {
      return null;
    }
    FieldDescriptor f = d.findFieldByName(field);
    if (f == null || f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return null;
    }
    Descriptor type = f.getMessageType();
    if (f.isMapField()) {
      FieldDescriptor value = type.findFieldByName("value");
      if (value == null || value.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        return null;
      }
      type = value.getMessageType();
    }
    String full = type.getFullName();
    if (full.equals("k8s.io.apimachinery.pkg.apis.meta.v1.Verbs")
        || type.getName().equals("ExtraValue")) {
      return STRING_LIST; // protobuf wrappers of a []string
    }
    String special = SPECIAL_BY_PROTO.get(full);
    if (special == null && full.startsWith(APIEXT_PROTO)) {
      String simple = full.substring(APIEXT_PROTO.length());
      if (simple.equals("JSON") || simple.startsWith("JSONSchemaPropsOr")) {
        special = publishedName(SchemaRegistry.definitionName(full));
      }
    }
    return special;
  }

  /** Writes one of the definitions whose JSON form is not a plain object. */
  void defineSpecial(String name) {
    if (definitions.containsKey(name)) {
      return;
    }
    ObjectNode d = Json.object();
    boolean v3 = dialect == Dialect.V3;
    switch (name) {
      case TIME -> {
        d.put("description", "A timestamp in RFC 3339 form, serialized to the second.");
        d.put("format", "date-time");
        d.put("type", "string");
      }
      case MICRO_TIME -> {
        d.put("description", "A timestamp in RFC 3339 form with microsecond precision.");
        d.put("format", "date-time");
        d.put("type", "string");
      }
      case INT_OR_STRING -> {
        d.put("description", "A value that is either an integer or a string.");
        d.put("format", "int-or-string");
        if (v3) {
          ArrayNode one = d.putArray("oneOf");
          one.addObject().put("type", "integer");
          one.addObject().put("type", "string");
          d.put("x-kubernetes-int-or-string", true);
        } else {
          d.put("type", "string");
        }
      }
      case QUANTITY -> {
        d.put(
            "description",
            "A fixed-point number with an optional suffix (binary Ki, Mi, Gi, ...; decimal k, M,"
                + " G, ...; or an exponent), e.g. 100m, 1.5Gi, 1e3. Serialized in canonical form.");
        if (v3) {
          ArrayNode one = d.putArray("oneOf");
          one.addObject().put("type", "string");
          one.addObject().put("type", "number");
        } else {
          d.put("type", "string");
        }
      }
      case RAW_EXTENSION -> {
        d.put("description", "An embedded object, serialized as its own JSON.");
        d.put("type", "object");
      }
      case FIELDS_V1 -> {
        d.put("description", "A set of fields in the JSON trie format used by managedFields.");
        d.put("type", "object");
      }
      default -> d.put("description", "Any JSON value.");
    }
    definitions.put(name, d);
  }
}
