package io.kpg.json.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Value equality as upstream's Go code sees decoded JSON: integers (int64) and floating point
 * numbers (float64) are different types, so {@code 1} and {@code 1.0} differ, while {@code 80}
 * parsed as an int and as a long are the same.
 */
final class Equality {
  private Equality() {}

  static boolean isNil(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  /** Deep equality of two JSON values; null and JSON null are equal. */
  static boolean jsonEqual(JsonNode a, JsonNode b) {
    if (isNil(a) || isNil(b)) {
      return isNil(a) && isNil(b);
    }
    if (a.isObject()) {
      if (!b.isObject() || a.size() != b.size()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> it = a.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!b.has(e.getKey()) || !jsonEqual(e.getValue(), b.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray()) {
      if (!b.isArray() || a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!jsonEqual(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return key(a).equals(key(b));
  }

  /**
   * A key such that two scalars have equal keys exactly when Go's {@code ==} on the decoded values
   * is true. Containers (which Go cannot compare) get their JSON text.
   */
  static Object key(JsonNode n) {
    if (isNil(n)) {
      return "n";
    }
    if (n.isTextual()) {
      return "s" + n.textValue();
    }
    if (n.isIntegralNumber()) {
      return "i" + n.bigIntegerValue();
    }
    if (n.isNumber()) {
      return "f" + n.doubleValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue() ? "bt" : "bf";
    }
    return "j" + n;
  }

  /** The Go type category of a decoded value, for "same type" checks. */
  static String goType(JsonNode n) {
    return GoFormat.type(n);
  }
}
