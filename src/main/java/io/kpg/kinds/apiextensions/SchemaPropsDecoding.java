package io.kpg.kinds.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import io.kpg.schema.Schema;
import io.kpg.schema.SchemaCheck;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decodes the union-typed members of JSONSchemaProps the way upstream's custom unmarshallers do,
 * which the generic schema check sees as free-form JSON: {@code items} (a schema, an array of
 * schemas, anything else ignored), {@code additionalProperties}/{@code additionalItems} (a schema
 * or a boolean, anything else a decoding error) and {@code dependencies} values (a schema or a
 * string array, anything else ignored). Schemas found there are type-checked like every other
 * schema.
 */
final class SchemaPropsDecoding {
  private SchemaPropsDecoding() {}

  private static final List<String> SCHEMA_FIELDS = List.of("not");
  private static final List<String> SCHEMA_LIST_FIELDS = List.of("allOf", "anyOf", "oneOf");
  private static final List<String> SCHEMA_MAP_FIELDS =
      List.of("properties", "patternProperties", "definitions");

  /** Checks every version's openAPIV3Schema of {@code crd}; returns unknown field paths. */
  static List<String> check(ObjectNode crd, Schema props, String what) {
    List<String> unknown = new ArrayList<>();
    JsonNode versions = crd.path("spec").path("versions");
    for (int i = 0; i < versions.size(); i++) {
      if (versions.get(i).path("schema").get("openAPIV3Schema") instanceof ObjectNode s) {
        walk(s, props, "spec.versions[" + i + "].schema.openAPIV3Schema", unknown, what);
      }
    }
    return unknown;
  }

  /** {@code s} has passed the generic check already; decodes its union members. */
  private static void walk(
      ObjectNode s, Schema props, String path, List<String> unknown, String what) {
    for (String f : SCHEMA_FIELDS) {
      if (s.get(f) instanceof ObjectNode o) {
        walk(o, props, path + "." + f, unknown, what);
      }
    }
    for (String f : SCHEMA_LIST_FIELDS) {
      JsonNode l = s.get(f);
      for (int i = 0; l != null && i < l.size(); i++) {
        if (l.get(i) instanceof ObjectNode o) {
          walk(o, props, path + "." + f + "[" + i + "]", unknown, what);
        }
      }
    }
    for (String f : SCHEMA_MAP_FIELDS) {
      if (s.get(f) instanceof ObjectNode m) {
        for (Map.Entry<String, JsonNode> e : m.properties()) {
          if (e.getValue() instanceof ObjectNode o) {
            walk(o, props, path + "." + f + "." + e.getKey(), unknown, what);
          }
        }
      }
    }
    JsonNode items = s.get("items");
    if (items instanceof ObjectNode o) {
      nested(o, props, path + ".items", unknown, what);
    } else if (items instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        String p = path + ".items[" + i + "]";
        if (!(a.get(i) instanceof ObjectNode o)) {
          throw Errors.badRequest(
              what
                  + ": json: cannot unmarshal "
                  + jsonType(a.get(i))
                  + " into Go struct field "
                  + p
                  + " of type v1.JSONSchemaProps");
        }
        nested(o, props, p, unknown, what);
      }
    } else if (items != null) {
      s.remove("items");
    }
    for (String f : List.of("additionalProperties", "additionalItems")) {
      JsonNode v = s.get(f);
      if (v instanceof ObjectNode o) {
        nested(o, props, path + "." + f, unknown, what);
      } else if (v != null && !v.isBoolean() && !v.isNull()) {
        throw Errors.badRequest(
            what + ": boolean or JSON schema expected (field " + path + "." + f + ")");
      }
    }
    if (s.get("dependencies") instanceof ObjectNode deps) {
      for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path + ".dependencies." + e.getKey();
        if (e.getValue() instanceof ObjectNode o) {
          nested(o, props, p, unknown, what);
        } else if (e.getValue() instanceof ArrayNode a) {
          for (JsonNode n : a) {
            if (!n.isTextual()) {
              throw Errors.badRequest(
                  what
                      + ": json: cannot unmarshal "
                      + jsonType(n)
                      + " into Go struct field "
                      + p
                      + " of type string");
            }
          }
        } else {
          it.remove();
        }
      }
    }
  }

  private static void nested(
      ObjectNode o, Schema props, String path, List<String> unknown, String what) {
    unknown.addAll(SchemaCheck.checkNested(o, props, path, what));
    walk(o, props, path, unknown, what);
  }

  private static String jsonType(JsonNode v) {
    return v.isTextual()
        ? "string"
        : v.isNumber() ? "number" : v.isBoolean() ? "bool" : v.isArray() ? "array" : "object";
  }
}
