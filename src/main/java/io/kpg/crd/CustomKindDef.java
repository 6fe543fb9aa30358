package io.kpg.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.crd.cel.CelRules;
import io.kpg.crd.columns.PrinterColumns;
import io.kpg.crd.columns.SelectableFields;
import io.kpg.crd.schema.StructuralSchema;
import io.kpg.errors.FieldError;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.schema.Schema;
import io.kpg.schema.SchemaCheck;
import io.kpg.schema.SchemaRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One served version of a CustomResourceDefinition's resource, built at run time from the CRD: the
 * structural schema (pruning, defaulting, validation), CEL rules, printer columns, selectable
 * fields, status and scale subresources, and conversion between the served and the stored version.
 */
public final class CustomKindDef extends KindDef {
  private static final Schema OBJECT_META =
      SchemaRegistry.builtin()
          .forMessage(SchemaRegistry.messageFor("meta.k8s.io", "v1", "ObjectMeta"));

  private final String crdName;
  private final String singular;
  private final boolean storage;
  private final String storageApiVersion;
  private final StructuralSchema structural;
  private final CelRules rules;
  private final Schema schema;
  private final ObjectNode published;
  private final boolean status;
  private final ScaleSpec scale;
  private final PrinterColumns columns;
  private final String deprecation;
  private final CrdConversion conversion;
  private final boolean terminating;
  private final boolean hasDefaults;

  CustomKindDef(
      ObjectNode crd,
      JsonNode version,
      JsonNode names,
      String storageVersion,
      String deprecation,
      CrdConversion conversion) {
    super(
        crd.path("spec").path("group").asText(),
        version.path("name").asText(),
        names.path("kind").asText(),
        names.path("plural").asText(),
        "Namespaced".equals(crd.path("spec").path("scope").asText()));
    this.crdName = crd.path("metadata").path("name").asText();
    this.singular =
        names.path("singular").asText("").isEmpty()
            ? names.path("kind").asText().toLowerCase()
            : names.path("singular").asText();
    List<String> sn = new ArrayList<>();
    names.path("shortNames").forEach(s -> sn.add(s.asText()));
    shortNames(sn.toArray(String[]::new));
    List<String> cats = new ArrayList<>();
    names.path("categories").forEach(s -> cats.add(s.asText()));
    categories(cats.toArray(String[]::new));
    String group = crd.path("spec").path("group").asText();
    this.storage = version.path("name").asText().equals(storageVersion);
    this.storageApiVersion = group + "/" + storageVersion;
    JsonNode raw = version.path("schema").path("openAPIV3Schema");
    ObjectNode rawSchema = raw instanceof ObjectNode o ? o : Json.object();
    this.published = rawSchema.deepCopy();
    this.structural = StructuralSchema.parse(rawSchema);
    this.rules = CelRules.compile(rawSchema);
    this.schema =
        structural.toSchema(reverse(group) + "." + version.path("name").asText() + "." + kind());
    this.hasDefaults = Json.write(rawSchema).contains("\"default\"");
    JsonNode subs = version.path("subresources");
    this.status = subs.has("status") && !subs.get("status").isNull();
    JsonNode sc = subs.get("scale");
    if (sc != null && sc.isObject()) {
      String selPath = sc.path("labelSelectorPath").asText("");
      this.scale =
          new ScaleSpec(
              strip(sc.path("specReplicasPath").asText()),
              strip(sc.path("statusReplicasPath").asText()),
              o -> {
                if (selPath.isEmpty()) {
                  return null;
                }
                JsonNode v = Json.at(o, strip(selPath));
                return v != null && v.isTextual() ? v.asText() : null;
              });
    } else {
      this.scale = null;
    }
    this.columns = PrinterColumns.of(version.path("additionalPrinterColumns"));
    SelectableFields fields = SelectableFields.of(version.path("selectableFields"));
    for (String f : fields.names()) {
      fieldSelector(f, o -> fields.value(o, f));
    }
    this.deprecation = deprecation;
    this.conversion = conversion;
    this.terminating = crd.path("metadata").has("deletionTimestamp");
  }

  private static String strip(String path) {
    return path.startsWith(".") ? path.substring(1) : path;
  }

  private static String reverse(String group) {
    List<String> parts = new ArrayList<>(List.of(group.split("\\.")));
    java.util.Collections.reverse(parts);
    return String.join(".", parts);
  }

  /** The CustomResourceDefinition this kind comes from. */
  public String crdName() {
    return crdName;
  }

  @Override
  public boolean customResource() {
    return true;
  }

  @Override
  public String singular() {
    return singular;
  }

  @Override
  public boolean storageVersion() {
    return storage;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public com.google.protobuf.Descriptors.Descriptor proto() {
    throw new UnsupportedOperationException("custom resources have no protobuf form");
  }

  @Override
  public ObjectNode openApiSchema() {
    return published;
  }

  @Override
  public boolean acceptsProtobuf() {
    return false;
  }

  @Override
  public boolean strategicMergePatch() {
    return false;
  }

  @Override
  public boolean hasStatus() {
    return status;
  }

  @Override
  public ScaleSpec scale() {
    return scale;
  }

  /**
   * Upstream's CRD discovery lists its verbs unsorted, and only the read and delete verbs while the
   * definition is terminating.
   */
  @Override
  public List<String> discoveryVerbs() {
    return terminating
        ? List.of("delete", "deletecollection", "get", "list", "watch")
        : List.of(
            "delete", "deletecollection", "get", "list", "patch", "create", "update", "watch");
  }

  /** status before scale, as upstream's CRD discovery adds them. */
  @Override
  public List<String> discoverySubresources() {
    List<String> subs = new ArrayList<>();
    if (status) {
      subs.add("status");
    }
    if (scale != null) {
      subs.add("scale");
    }
    return subs;
  }

  /** Every served version reports the hash of the storage version. */
  @Override
  public String storageVersionHash() {
    return storageVersionHash(group(), storageApiVersion.substring(group().length() + 1), kind());
  }

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  /** Any change outside metadata bumps generation; with a status subresource, not status. */
  @Override
  public boolean generationChanged(ObjectNode next, ObjectNode old) {
    return changedOutside(
        next,
        old,
        status
            ? java.util.Set.of("metadata", "status", "apiVersion", "kind")
            : java.util.Set.of("metadata", "apiVersion", "kind"));
  }

  @Override
  public String deprecationWarning() {
    return deprecation;
  }

  @Override
  public void prepareForCreate(ObjectNode obj) {
    if (terminating) {
      throw new StatusException(
          405,
          "MethodNotAllowed",
          "create not allowed while custom resource definition is terminating",
          null);
    }
    super.prepareForCreate(obj);
  }

  /**
   * Prunes fields the schema does not know (returned for fieldValidation), and checks metadata as
   * ObjectMeta like upstream's decoding of custom resources.
   */
  @Override
  public List<String> normalize(ObjectNode obj, String what) {
    if (obj.path("kind").asText("").isEmpty()) {
      // custom resources are decoded as unstructured objects, which must name their kind
      throw io.kpg.errors.Errors.badRequest(
          "Object 'Kind' is missing in '" + io.kpg.json.Json.write(obj) + "'");
    }
    List<String> unknown = new ArrayList<>();
    if (obj.get("metadata") instanceof ObjectNode md) {
      for (String p : SchemaCheck.check(md, OBJECT_META, what)) {
        unknown.add("metadata." + p);
      }
    } else if (obj.has("metadata") && !obj.get("metadata").isNull()) {
      throw io.kpg.errors.Errors.badRequest(what + ": metadata must be an object");
    }
    unknown.addAll(structural.prune(obj));
    return unknown;
  }

  @Override
  public void applyDefaults(ObjectNode obj) {
    structural.applyDefaults(obj);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    return validateWithRules(obj, null);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return validateWithRules(obj, old);
  }

  /** Schema errors of these types keep the x-kubernetes-validations rules from running. */
  private static final Set<FieldError.Type> BLOCKING =
      Set.of(
          FieldError.Type.NOT_SUPPORTED,
          FieldError.Type.REQUIRED,
          FieldError.Type.TOO_LONG,
          FieldError.Type.TOO_MANY,
          FieldError.Type.TYPE_INVALID);

  /**
   * Schema validation, then the CEL rules as upstream's custom resource strategy: the rules still
   * run after errors such as a bad pattern or a duplicate list-map key, but not after a blocking
   * one (wrong type, missing, unsupported or too large value), which is then reported with a note
   * that rules were skipped (on upstream's nil field path).
   */
  private List<FieldError> validateWithRules(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>(structural.validate(obj));
    if (rules.isEmpty()) {
      return errs;
    }
    if (errs.stream().anyMatch(e -> BLOCKING.contains(e.type()))) {
      errs.add(
          FieldError.invalid(
              "<nil>",
              null,
              "some validation rules were not checked because the object was invalid; correct"
                  + " the existing errors to complete validation"));
    } else {
      errs.addAll(rules.validate(obj, old));
    }
    return errs;
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
    return validateUpdate(obj, old);
  }

  /** Custom resources are served with their keys sorted, as upstream's unstructured JSON. */
  @Override
  public ObjectNode order(ObjectNode obj) {
    return (ObjectNode) sorted(obj);
  }

  private static JsonNode sorted(JsonNode n) {
    if (n instanceof ObjectNode o) {
      Map<String, JsonNode> m = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), sorted(e.getValue()));
      }
      ObjectNode out = Json.object();
      m.forEach(out::set);
      return out;
    }
    if (n != null && n.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out = Json.MAPPER.createArrayNode();
      n.forEach(e -> out.add(sorted(e)));
      return out;
    }
    return n;
  }

  @Override
  public boolean readMayBlock() {
    return conversion.webhook();
  }

  @Override
  public boolean convertsOnRead() {
    return !storage || hasDefaults;
  }

  /** Stored object → this version: converted, then defaulted (upstream defaults on read too). */
  @Override
  public ObjectNode fromStorage(ObjectNode stored) {
    ObjectNode o = stored;
    if (!apiVersion().equals(o.path("apiVersion").asText())) {
      o = conversion.convert(o, apiVersion());
    }
    if (hasDefaults) {
      structural.applyDefaults(o);
    }
    return order(o);
  }

  @Override
  public ObjectNode toStorage(ObjectNode obj) {
    if (storage) {
      return obj;
    }
    return order(conversion.convert(obj, storageApiVersion));
  }

  @Override
  public List<Column> columns() {
    return columns.columns();
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    return columns.row(obj);
  }
}
