package io.kpg.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a decoded object against its kind's schema the way decoding into upstream's Go types does:
 * values of the wrong JSON type are rejected (400), {@code null} fields are dropped (they decode to
 * the zero value), and fields the schema does not know are reported (by path) so the caller can
 * apply fieldValidation Strict/Warn/Ignore; unknown fields are removed.
 */
public final class SchemaCheck {
  private SchemaCheck() {}

  /** Normalizes {@code obj} in place; returns the paths of unknown fields (e.g. spec.foo). */
  public static List<String> check(ObjectNode obj, Schema schema, String kindDescription) {
    List<String> unknown = new ArrayList<>();
    walkObject(obj, schema, "", true, unknown, kindDescription);
    return unknown;
  }

  /**
   * Normalizes {@code obj}, found at field path {@code path} inside a larger object, against {@code
   * schema}; returns the full paths of unknown fields.
   */
  public static List<String> checkNested(
      ObjectNode obj, Schema schema, String path, String kindDescription) {
    List<String> unknown = new ArrayList<>();
    walkObject(obj, schema, path, false, unknown, kindDescription);
    return unknown;
  }

  private static void walkObject(
      ObjectNode obj, Schema schema, String path, boolean top, List<String> unknown, String what) {
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      String child = path.isEmpty() ? name : path + "." + name;
      if (top && (name.equals("apiVersion") || name.equals("kind"))) {
        if (!e.getValue().isTextual() && !e.getValue().isNull()) {
          throw typeError(what, child, e.getValue(), "string");
        }
        continue;
      }
      Schema.Field f = schema.property(name);
      if (f == null) {
        unknown.add(child);
        it.remove();
        continue;
      }
      if (e.getValue().isNull()) {
        it.remove();
        continue;
      }
      walk(e.getValue(), f.schema(), child, unknown, what, obj, name);
    }
  }

  private static void walk(
      JsonNode v,
      Schema s,
      String path,
      List<String> unknown,
      String what,
      ObjectNode parent,
      String key) {
    switch (s.type) {
      case ANY -> {}
      case OBJECT -> {
        if (!v.isObject()) {
          throw typeError(what, path, v, "object");
        }
        walkObject((ObjectNode) v, s, path, false, unknown, what);
      }
      case MAP -> {
        if (!v.isObject()) {
          throw typeError(what, path, v, "map");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getValue().isNull()) {
            // Go decodes null into a map's string value as the empty string
            if (s.items().type == Schema.Type.STRING) {
              e.setValue(com.fasterxml.jackson.databind.node.TextNode.valueOf(""));
            }
            continue;
          }
          walk(
              e.getValue(),
              s.items(),
              path + "." + e.getKey(),
              unknown,
              what,
              (ObjectNode) v,
              e.getKey());
        }
      }
      case ARRAY -> {
        if (!v.isArray()) {
          throw typeError(what, path, v, "array");
        }
        ArrayNode a = (ArrayNode) v;
        for (int i = 0; i < a.size(); i++) {
          JsonNode item = a.get(i);
          if (item.isNull()) {
            continue;
          }
          walkItem(item, s.items(), path + "[" + i + "]", unknown, what);
        }
      }
      case STRING -> {
        if (!v.isTextual()) {
          throw typeError(what, path, v, "string");
        }
      }
      case BOOLEAN -> {
        if (!v.isBoolean()) {
          throw typeError(what, path, v, "bool");
        }
      }
      case INTEGER -> checkInteger(v, s, path, what);
      case NUMBER -> {
        if (!v.isNumber()) {
          throw typeError(what, path, v, "number");
        }
      }
      case INT_OR_STRING -> {
        if (!v.isTextual() && !v.isNumber()) {
          throw typeError(what, path, v, "int-or-string");
        }
      }
      default -> {}
    }
  }

  private static void walkItem(
      JsonNode item, Schema s, String path, List<String> unknown, String what) {
    walk(item, s, path, unknown, what, null, null);
  }

  private static void checkInteger(JsonNode v, Schema s, String path, String what) {
    if (!v.isIntegralNumber()
        && !(v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0)) {
      throw typeError(what, path, v, s.format == null ? "integer" : s.format);
    }
    BigInteger b = v.isIntegralNumber() ? v.bigIntegerValue() : v.decimalValue().toBigInteger();
    boolean int32 = "int32".equals(s.format);
    BigInteger min = BigInteger.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE);
    BigInteger max = BigInteger.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE);
    if (b.compareTo(min) < 0 || b.compareTo(max) > 0) {
      throw Errors.badRequest(
          what
              + ": json: cannot unmarshal number "
              + b
              + " into Go value of type "
              + s.format
              + " (field "
              + path
              + ")");
    }
  }

  private static RuntimeException typeError(String what, String path, JsonNode v, String expected) {
    String got =
        v.isTextual()
            ? "string"
            : v.isNumber() ? "number" : v.isBoolean() ? "bool" : v.isArray() ? "array" : "object";
    return Errors.badRequest(
        what
            + ": json: cannot unmarshal "
            + got
            + " into Go struct field "
            + path
            + " of type "
            + expected);
  }
}
