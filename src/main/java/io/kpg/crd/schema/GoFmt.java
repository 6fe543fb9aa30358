package io.kpg.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.json.GoStrings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How Go's fmt prints the values a decoded JSON document holds ({@code int64}, {@code float64},
 * {@code string}, {@code bool}, {@code map[string]interface{}}, {@code []interface{}}), so that
 * messages read as upstream's.
 */
final class GoFmt {
  private GoFmt() {}

  /** A value already rendered; {@link io.kpg.errors.FieldError} prints it via toString. */
  record Rendered(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * {@code %v} of a float64: shortest digits, exponent form below 1e-4 and from 1e6 on (strconv
   * shortest %g).
   */
  static String floatV(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale();
    String sign = d < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = String.valueOf(Math.abs(exp));
      return sign + mant + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
    return sign + bd.abs().toPlainString();
  }

  /**
   * The value as field.Error prints a bad value: strings quoted (by FieldError), numbers and bools
   * with %v, maps and slices with %#v.
   */
  static Object value(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      return new Rendered(n.bigIntegerValue().toString());
    }
    if (n.isNumber()) {
      return new Rendered(floatV(n.doubleValue()));
    }
    return new Rendered(sharpV(n));
  }

  /** {@code %#v} of a decoded JSON value. */
  static String sharpV(JsonNode n) {
    if (n == null || n.isNull()) {
      return "interface {}(nil)";
    }
    if (n.isTextual()) {
      return GoStrings.quote(n.textValue());
    }
    if (n.isBoolean()) {
      return String.valueOf(n.booleanValue());
    }
    if (n.isIntegralNumber()) {
      return n.bigIntegerValue().toString();
    }
    if (n.isNumber()) {
      return floatV(n.doubleValue());
    }
    if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      n.forEach(e -> parts.add(sharpV(e)));
      return "[]interface {}{" + String.join(", ", parts) + "}";
    }
    Map<String, JsonNode> sorted = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    it.forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
    List<String> parts = new ArrayList<>();
    sorted.forEach((k, v) -> parts.add(GoStrings.quote(k) + ":" + sharpV(v)));
    return "map[string]interface {}{" + String.join(", ", parts) + "}";
  }
}
