package io.kpg.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.schema.Schema;
import io.kpg.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a CustomResourceDefinition's {@code openAPIV3Schema} (apiextensions.k8s.io/v1
 * JSONSchemaProps), immutable once parsed, with what upstream's apiextensions-apiserver does with
 * it: validation of custom resources (kube-openapi's schema validator plus list-type and embedded
 * ObjectMeta checks), pruning of unknown fields, defaulting, and a {@link Schema} view for
 * server-side apply. {@link #validateSchema} checks the schema itself as CRD creation does.
 */
public final class StructuralSchema {

  final JsonNode raw;
  final String type;

  /** the format as written */
  final String format;

  /** the format upstream validates with (unsupported formats dropped) */
  final String effectiveFormat;

  final boolean nullable;
  final JsonNode defaultValue;
  final Map<String, StructuralSchema> properties;

  /** additionalProperties as a schema, or null */
  final StructuralSchema additionalProperties;

  /** additionalProperties as a boolean (true/false), or null when absent or a schema */
  final Boolean additionalPropertiesAllowed;

  final StructuralSchema items;
  final boolean preserveUnknownFields;
  final boolean embeddedResource;
  final boolean intOrString;
  final String listType;
  final List<String> listMapKeys;
  final String mapType;

  final Double maximum;
  final boolean exclusiveMaximum;
  final Double minimum;
  final boolean exclusiveMinimum;
  final Long maxLength;
  final Long minLength;
  final String pattern;
  final Long maxItems;
  final Long minItems;
  final boolean uniqueItems;
  final Double multipleOf;
  final Long maxProperties;
  final Long minProperties;
  final List<String> required;
  final List<JsonNode> enumValues;
  final List<StructuralSchema> allOf;
  final List<StructuralSchema> oneOf;
  final List<StructuralSchema> anyOf;
  final StructuralSchema not;

  private StructuralSchema(JsonNode n) {
    this.raw = n;
    this.type = text(n, "type");
    this.format = text(n, "format");
    this.intOrString = bool(n, "x-kubernetes-int-or-string");
    this.effectiveFormat = Formats.effective(intOrString ? null : type, format);
    this.nullable = bool(n, "nullable");
    JsonNode d = n.get("default");
    this.defaultValue = d == null ? null : d.deepCopy();
    Map<String, StructuralSchema> props = new LinkedHashMap<>();
    JsonNode p = n.get("properties");
    if (p != null && p.isObject()) {
      p.fields().forEachRemaining(e -> props.put(e.getKey(), new StructuralSchema(e.getValue())));
    }
    this.properties = Collections.unmodifiableMap(props);
    JsonNode ap = n.get("additionalProperties");
    this.additionalProperties = ap != null && ap.isObject() ? new StructuralSchema(ap) : null;
    this.additionalPropertiesAllowed = ap != null && ap.isBoolean() ? ap.booleanValue() : null;
    JsonNode it = n.get("items");
    this.items = it != null && it.isObject() ? new StructuralSchema(it) : null;
    this.preserveUnknownFields = bool(n, "x-kubernetes-preserve-unknown-fields");
    this.embeddedResource = bool(n, "x-kubernetes-embedded-resource");
    this.listType = text(n, "x-kubernetes-list-type");
    this.listMapKeys = strings(n.get("x-kubernetes-list-map-keys"));
    this.mapType = text(n, "x-kubernetes-map-type");
    this.maximum = dbl(n, "maximum");
    this.exclusiveMaximum = bool(n, "exclusiveMaximum");
    this.minimum = dbl(n, "minimum");
    this.exclusiveMinimum = bool(n, "exclusiveMinimum");
    this.maxLength = lng(n, "maxLength");
    this.minLength = lng(n, "minLength");
    this.pattern = text(n, "pattern");
    this.maxItems = lng(n, "maxItems");
    this.minItems = lng(n, "minItems");
    this.uniqueItems = bool(n, "uniqueItems");
    this.multipleOf = dbl(n, "multipleOf");
    this.maxProperties = lng(n, "maxProperties");
    this.minProperties = lng(n, "minProperties");
    this.required = strings(n.get("required"));
    List<JsonNode> en = new ArrayList<>();
    JsonNode e = n.get("enum");
    if (e != null && e.isArray()) {
      e.forEach(v -> en.add(v.deepCopy()));
    }
    this.enumValues = List.copyOf(en);
    this.allOf = list(n.get("allOf"));
    this.oneOf = list(n.get("oneOf"));
    this.anyOf = list(n.get("anyOf"));
    JsonNode nt = n.get("not");
    this.not = nt != null && nt.isObject() ? new StructuralSchema(nt) : null;
  }

  /** Parses an openAPIV3Schema JSON node (already validated) into an immutable tree. */
  public static StructuralSchema parse(JsonNode openAPIV3Schema) {
    return new StructuralSchema(
        openAPIV3Schema == null ? io.kpg.json.Json.object() : openAPIV3Schema.deepCopy());
  }

  /**
   * Upstream's CRD-creation checks of the schema itself (structural rules, forbidden keywords,
   * list-type rules, defaults), with paths prefixed by {@code basePath}.
   */
  public static List<FieldError> validateSchema(JsonNode openAPIV3Schema, String basePath) {
    return SchemaCheck.validate(openAPIV3Schema, basePath);
  }

  /**
   * Validates a whole custom resource against the schema: kube-openapi's value validation, then
   * list-type set/map uniqueness, then the ObjectMeta of embedded resources. The root metadata's
   * ObjectMeta rules are not checked here (the registry does that for every kind).
   */
  public List<FieldError> validate(JsonNode customResource) {
    List<FieldError> errs = new ArrayList<>(ValueValidator.validate(this, customResource));
    errs.addAll(ListTypeValidator.validate(this, customResource));
    errs.addAll(EmbeddedMeta.validate(this, customResource));
    return errs;
  }

  /**
   * Removes fields the schema does not specify; returns the removed paths (sorted) as upstream
   * reports unknown fields.
   */
  public List<String> prune(ObjectNode customResource) {
    List<String> out = new ArrayList<>();
    prune(customResource, this, true, "", out);
    Collections.sort(out);
    return out;
  }

  private static final List<String> META_FIELDS = List.of("apiVersion", "kind", "metadata");

  private static void prune(
      JsonNode x, StructuralSchema s, boolean root, String path, List<String> out) {
    if (s != null && s.preserveUnknownFields) {
      skipPrune(x, s, root, path, out);
      return;
    }
    boolean embedded = root || (s != null && s.embeddedResource);
    if (x instanceof ObjectNode o) {
      if (s == null) {
        for (String k : keys(o)) {
          out.add(join(path, k));
          o.remove(k);
        }
        return;
      }
      for (String k : keys(o)) {
        if (embedded && META_FIELDS.contains(k)) {
          continue;
        }
        StructuralSchema prop = s.properties.get(k);
        if (prop != null) {
          prune(o.get(k), prop, false, join(path, k), out);
        } else if (s.hasAdditionalProperties()) {
          prune(o.get(k), s.additionalProperties, false, join(path, k), out);
        } else {
          if (!META_FIELDS.contains(k) || !path.isEmpty()) {
            out.add(join(path, k));
          }
          o.remove(k);
        }
      }
    } else if (x instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        prune(a.get(i), s == null ? null : s.items, false, path + "[" + i + "]", out);
      }
    }
  }

  private static void skipPrune(
      JsonNode x, StructuralSchema s, boolean root, String path, List<String> out) {
    boolean embedded = root || s.embeddedResource;
    if (x instanceof ObjectNode o) {
      for (String k : keys(o)) {
        if (embedded && META_FIELDS.contains(k)) {
          continue;
        }
        StructuralSchema prop = s.properties.get(k);
        if (prop != null) {
          prune(o.get(k), prop, false, join(path, k), out);
        } else if (s.hasAdditionalProperties()) {
          prune(o.get(k), s.additionalProperties, false, join(path, k), out);
        }
      }
    } else if (x instanceof ArrayNode a && s.items != null) {
      for (int i = 0; i < a.size(); i++) {
        skipPrune(a.get(i), s.items, false, path + "[" + i + "]", out);
      }
    }
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static List<String> keys(ObjectNode o) {
    List<String> l = new ArrayList<>();
    o.fieldNames().forEachRemaining(l::add);
    return l;
  }

  /** additionalProperties given, as a schema or as {@code true}/{@code false} */
  boolean hasAdditionalProperties() {
    return additionalProperties != null || additionalPropertiesAllowed != null;
  }

  /**
   * Applies defaults in place as upstream does on decode: first nulls that are neither nullable nor
   * defaulted are dropped, then missing (or non-nullable null) properties get a deep copy of their
   * default, recursively into properties, list items and additionalProperties values.
   */
  public void applyDefaults(ObjectNode customResource) {
    pruneNulls(customResource, this);
    applyDefaults(customResource, this);
  }

  private static boolean nonNullableNull(JsonNode x, StructuralSchema s) {
    return (x == null || x.isNull()) && s != null && !s.nullable;
  }

  private static void pruneNulls(JsonNode x, StructuralSchema s) {
    if (x instanceof ObjectNode o) {
      for (String k : keys(o)) {
        StructuralSchema ps = null;
        if (s != null) {
          ps = s.properties.get(k);
          if (ps == null) {
            ps = s.additionalProperties;
          }
        }
        JsonNode v = o.get(k);
        if (nonNullableNull(v, ps) && ps.defaultValue == null) {
          o.remove(k);
        } else {
          pruneNulls(v, ps);
        }
      }
    } else if (x instanceof ArrayNode a) {
      for (JsonNode e : a) {
        pruneNulls(e, s == null ? null : s.items);
      }
    }
  }

  private static void applyDefaults(JsonNode x, StructuralSchema s) {
    if (s == null) {
      return;
    }
    if (x instanceof ObjectNode o) {
      for (Map.Entry<String, StructuralSchema> e : s.properties.entrySet()) {
        StructuralSchema prop = e.getValue();
        if (prop.defaultValue == null) {
          continue;
        }
        JsonNode cur = o.get(e.getKey());
        if (cur == null || nonNullableNull(cur, prop)) {
          o.set(e.getKey(), prop.defaultValue.deepCopy());
        }
      }
      for (String k : keys(o)) {
        StructuralSchema prop = s.properties.get(k);
        if (prop != null) {
          applyDefaults(o.get(k), prop);
        } else if (s.additionalProperties != null) {
          StructuralSchema ap = s.additionalProperties;
          if (nonNullableNull(o.get(k), ap) && ap.defaultValue != null) {
            o.set(k, ap.defaultValue.deepCopy());
          }
          applyDefaults(o.get(k), ap);
        }
      }
    } else if (x instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (nonNullableNull(a.get(i), s.items) && s.items.defaultValue != null) {
          a.set(i, s.items.defaultValue.deepCopy());
        }
        applyDefaults(a.get(i), s.items);
      }
    }
  }

  /**
   * The schema as {@link Schema} for server-side apply: objects with properties are OBJECT, objects
   * with additionalProperties MAP, atomic or free-form objects ANY, int-or-string INT_OR_STRING;
   * the root's metadata is the built-in ObjectMeta.
   */
  public Schema toSchema(String definitionName) {
    return toSchema(definitionName, true);
  }

  private Schema toSchema(String definition, boolean root) {
    if (intOrString) {
      return Schema.primitive(Schema.Type.INT_OR_STRING, "int-or-string");
    }
    String t = type == null ? "" : type;
    switch (t) {
      case "string":
        return Schema.primitive(Schema.Type.STRING, format);
      case "integer":
        return Schema.primitive(Schema.Type.INTEGER, format);
      case "number":
        return Schema.primitive(Schema.Type.NUMBER, format);
      case "boolean":
        return Schema.primitive(Schema.Type.BOOLEAN, null);
      case "array":
        return Schema.array(
            items == null ? Schema.primitive(Schema.Type.ANY, null) : items.toSchema(null, false));
      default:
        break;
    }
    if ("atomic".equals(mapType) && !root) {
      return Schema.primitive(Schema.Type.ANY, null);
    }
    if (properties.isEmpty() && !root) {
      if (additionalProperties != null) {
        return Schema.map(additionalProperties.toSchema(null, false));
      }
      if (preserveUnknownFields
          || (additionalPropertiesAllowed != null && additionalPropertiesAllowed)) {
        return Schema.deduced();
      }
      if (additionalPropertiesAllowed != null || !"object".equals(t)) {
        return Schema.primitive(Schema.Type.ANY, null);
      }
    }
    Schema s = Schema.object(definition);
    if (preserveUnknownFields) {
      s.setUnknownFields(Schema.deduced());
    }
    Map<String, StructuralSchema> props = new LinkedHashMap<>(properties);
    if (root || embeddedResource) {
      props.putIfAbsent("apiVersion", STRING_PROP);
      props.putIfAbsent("kind", STRING_PROP);
    }
    for (Map.Entry<String, StructuralSchema> e : props.entrySet()) {
      StructuralSchema ps = e.getValue();
      Schema fs;
      if ((root || embeddedResource) && e.getKey().equals("metadata")) {
        fs = objectMeta();
      } else {
        fs = ps.toSchema(null, false);
      }
      String lt = null;
      List<String> keys = List.of();
      if (fs.type == Schema.Type.ARRAY) {
        lt = ps.listType == null ? "atomic" : ps.listType;
        keys = ps.listMapKeys;
      }
      s.putProperty(new Schema.Field(e.getKey(), fs, null, null, lt, keys));
    }
    if ((root || embeddedResource) && !props.containsKey("metadata")) {
      s.putProperty(new Schema.Field("metadata", objectMeta(), null, null, null, List.of()));
    }
    s.setRequired(new java.util.HashSet<>(required));
    return s;
  }

  private static final StructuralSchema STRING_PROP =
      new StructuralSchema(io.kpg.json.Json.object().put("type", "string"));

  private static Schema objectMeta() {
    return SchemaRegistry.builtin()
        .forMessage(SchemaRegistry.messageFor("meta.k8s.io", "v1", "ObjectMeta"));
  }

  // ------------------------------------------------------------------ accessors for helpers

  /** the JSON this node was parsed from (a copy owned by this tree; do not modify) */
  JsonNode raw() {
    return raw;
  }

  // ------------------------------------------------------------------ parsing helpers

  private static String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  private static boolean bool(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v != null && v.isBoolean() && v.booleanValue();
  }

  private static Double dbl(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v != null && v.isNumber() ? v.doubleValue() : null;
  }

  private static Long lng(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v != null && v.isNumber() ? v.longValue() : null;
  }

  private static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    if (a != null && a.isArray()) {
      a.forEach(v -> out.add(v.asText()));
    }
    return List.copyOf(out);
  }

  private static List<StructuralSchema> list(JsonNode a) {
    List<StructuralSchema> out = new ArrayList<>();
    if (a != null && a.isArray()) {
      Iterator<JsonNode> it = a.elements();
      it.forEachRemaining(v -> out.add(new StructuralSchema(v)));
    }
    return List.copyOf(out);
  }
}
