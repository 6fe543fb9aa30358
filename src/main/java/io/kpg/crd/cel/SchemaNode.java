package io.kpg.crd.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One node of an openAPIV3Schema as CEL sees it: its CEL type (upstream's DeclType), its children
 * and its size bounds for cost estimation.
 */
final class SchemaNode {

  /** Upstream's maximum request size, the bound of everything without maxLength/maxItems. */
  static final long MAX_REQUEST_BYTES = 3 * 1024 * 1024;

  final JsonNode schema;

  /** Path of the schema node below openAPIV3Schema, e.g. ".properties[spec]" (empty at root). */
  final String schemaPath;

  final String type;
  final String format;
  final boolean intOrString;
  final boolean embedded;

  /** Properties by their JSON name (only those CEL can see). */
  final Map<String, SchemaNode> properties = new LinkedHashMap<>();

  /** JSON property name to its CEL (escaped) name. */
  final Map<String, String> celNames = new LinkedHashMap<>();

  SchemaNode additional;
  SchemaNode items;
  final String listType;
  final List<String> listMapKeys = new ArrayList<>();
  final String mapType;
  final JsonNode rules;

  /** Whether this node or any node below has x-kubernetes-validations. */
  boolean rulesBelow;

  CelType celType;

  /** Largest size (string length, item or property count) a value here can have. */
  long maxSize;

  /** Smallest number of JSON bytes a value here takes. */
  long minSerializedSize;

  private SchemaNode(JsonNode schema, String schemaPath) {
    this.schema = schema;
    this.schemaPath = schemaPath;
    this.type = schema.path("type").asText("");
    this.format = schema.path("format").asText("");
    this.intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false);
    this.embedded = schema.path("x-kubernetes-embedded-resource").asBoolean(false);
    this.listType = schema.path("x-kubernetes-list-type").asText("atomic");
    for (JsonNode k : schema.path("x-kubernetes-list-map-keys")) {
      listMapKeys.add(k.asText());
    }
    this.mapType = schema.path("x-kubernetes-map-type").asText("granular");
    JsonNode r = schema.get("x-kubernetes-validations");
    this.rules = r != null && r.isArray() && r.size() > 0 ? r : null;
  }

  /** Builds the tree; struct types get names from {@code names}. */
  static SchemaNode build(JsonNode schema, boolean resourceRoot, TypeRegistry names) {
    return build(schema, "", resourceRoot, names);
  }

  private static SchemaNode build(
      JsonNode schema, String path, boolean resourceRoot, TypeRegistry names) {
    if (resourceRoot || schema.path("x-kubernetes-embedded-resource").asBoolean(false)) {
      schema = withTypeAndObjectMeta(schema);
    }
    SchemaNode n = new SchemaNode(schema, path);
    if (n.intOrString) {
      n.celType = SimpleType.DYN;
      n.maxSize = MAX_REQUEST_BYTES - 2;
      n.minSerializedSize = 1;
    } else {
      switch (n.type) {
        case "array" -> {
          JsonNode it = schema.get("items");
          if (it != null && it.isObject()) {
            n.items = build(it, path + ".items", false, names);
          }
          if (n.items != null && n.items.celType != null) {
            n.celType = ListType.create(n.items.celType);
            n.maxSize =
                bound(
                    schema.get("maxItems"),
                    (MAX_REQUEST_BYTES - 2) / (n.items.minSerializedSize + 1));
          }
          n.minSerializedSize = 2;
        }
        case "object" -> {
          JsonNode ap = schema.get("additionalProperties");
          if (ap != null && ap.isObject()) {
            n.additional = build(ap, path + ".additionalProperties", false, names);
            if (n.additional.celType != null) {
              n.celType = MapType.create(SimpleType.STRING, n.additional.celType);
              // smallest entry: "":X,
              n.maxSize =
                  bound(
                      schema.get("maxProperties"),
                      (MAX_REQUEST_BYTES - 2) / (n.additional.minSerializedSize + 4));
            }
            n.minSerializedSize = 2;
          } else {
            long min = 2;
            Set<String> required = new java.util.HashSet<>();
            for (JsonNode r : schema.path("required")) {
              required.add(r.asText());
            }
            Map<String, CelType> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
            while (it.hasNext()) {
              Map.Entry<String, JsonNode> e = it.next();
              SchemaNode child =
                  build(e.getValue(), path + ".properties[" + e.getKey() + "]", false, names);
              String celName = escape(e.getKey());
              if (child.celType == null || celName == null) {
                continue;
              }
              n.properties.put(e.getKey(), child);
              n.celNames.put(e.getKey(), celName);
              fields.put(celName, child.celType);
              if (required.contains(e.getKey())) {
                min += e.getKey().length() + 4 + child.minSerializedSize;
              }
            }
            n.minSerializedSize = min;
            n.maxSize = bound(schema.get("maxProperties"), MAX_REQUEST_BYTES / 4);
            String name = names.nextName();
            StructType st =
                StructType.create(
                    name,
                    com.google.common.collect.ImmutableSet.copyOf(fields.keySet()),
                    f -> Optional.ofNullable(fields.get(f)));
            names.register(st);
            n.celType = st;
          }
        }
        case "string" -> {
          n.celType =
              switch (n.format) {
                case "byte" -> SimpleType.BYTES;
                case "duration" -> SimpleType.DURATION;
                case "date", "date-time" -> SimpleType.TIMESTAMP;
                default -> SimpleType.STRING;
              };
          n.maxSize = bound(schema.get("maxLength"), MAX_REQUEST_BYTES - 2);
          n.minSerializedSize = 2;
        }
        case "boolean" -> {
          n.celType = SimpleType.BOOL;
          n.minSerializedSize = 4;
        }
        case "number" -> {
          n.celType = SimpleType.DOUBLE;
          n.minSerializedSize = 1;
        }
        case "integer" -> {
          n.celType = SimpleType.INT;
          n.minSerializedSize = 1;
        }
        default -> {}
      }
    }
    n.rulesBelow =
        n.rules != null
            || (n.items != null && n.items.rulesBelow)
            || (n.additional != null && n.additional.rulesBelow)
            || n.properties.values().stream().anyMatch(c -> c.rulesBelow);
    return n;
  }

  private static long bound(JsonNode max, long dflt) {
    return max != null && max.canConvertToLong() ? Math.min(max.asLong(), dflt) : dflt;
  }

  /**
   * Upstream makes apiVersion, kind, metadata.name and metadata.generateName visible at the root of
   * resources, whatever the schema says about them.
   */
  private static JsonNode withTypeAndObjectMeta(JsonNode schema) {
    ObjectNode copy = schema.deepCopy();
    ObjectNode props =
        copy.get("properties") instanceof ObjectNode p ? p : copy.putObject("properties");
    JsonNodeFactory f = JsonNodeFactory.instance;
    props.set("apiVersion", f.objectNode().put("type", "string"));
    props.set("kind", f.objectNode().put("type", "string"));
    ObjectNode meta = f.objectNode().put("type", "object");
    ObjectNode metaProps = meta.putObject("properties");
    metaProps.set("name", f.objectNode().put("type", "string"));
    metaProps.set("generateName", f.objectNode().put("type", "string"));
    props.set("metadata", meta);
    if (!copy.has("type")) {
      copy.put("type", "object");
    }
    return copy;
  }

  private static final Set<String> RESERVED =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");

  /**
   * The name a property has in CEL (upstream's escaping), or null when CEL cannot access it.
   * Reserved words become {@code __word__}; "__", ".", "-" and "/" are spelled out.
   */
  static String escape(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return null;
    }
    if (RESERVED.contains(name)) {
      return "__" + name + "__";
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < name.length()) {
      char c = name.charAt(i);
      if (c == '_' && i + 1 < name.length() && name.charAt(i + 1) == '_') {
        sb.append("__underscores__");
        i += 2;
        continue;
      }
      if (c == '.') {
        sb.append("__dot__");
      } else if (c == '-') {
        sb.append("__dash__");
      } else if (c == '/') {
        sb.append("__slash__");
      } else if (c == '_'
          || (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')) {
        sb.append(c);
      } else {
        return null;
      }
      i++;
    }
    return sb.toString();
  }

  /** Names and collects the struct types of one schema. */
  static final class TypeRegistry implements dev.cel.common.types.CelTypeProvider {
    private final String prefix;
    private final Map<String, CelType> types = new LinkedHashMap<>();

    TypeRegistry(String prefix) {
      this.prefix = prefix;
    }

    String nextName() {
      return prefix + ".object" + types.size();
    }

    void register(StructType t) {
      types.put(t.name(), t);
    }

    @Override
    public com.google.common.collect.ImmutableCollection<CelType> types() {
      return com.google.common.collect.ImmutableList.copyOf(types.values());
    }

    @Override
    public Optional<CelType> findType(String typeName) {
      return Optional.ofNullable(types.get(typeName));
    }
  }
}
