package io.kpg.crd.columns;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.json.GoStrings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON values seen the way upstream sees unstructured content: integers that fit are int64, other
 * numbers float64; and rendered the way Go renders them ({@code fmt.Sprint}, {@code
 * encoding/json}), since Table cells and field selector values are compared as text.
 */
final class GoValues {
  private GoValues() {}

  /** The Go kind a JSON value decodes to. {@code UINT} marks the bytes of a string. */
  enum Kind {
    NIL,
    BOOL,
    INT,
    UINT,
    FLOAT,
    STRING,
    MAP,
    SLICE
  }

  static Kind kind(JsonNode n) {
    if (n.isObject()) {
      return Kind.MAP;
    } else if (n.isArray()) {
      return Kind.SLICE;
    } else if (n.isTextual()) {
      return Kind.STRING;
    } else if (n.isBoolean()) {
      return Kind.BOOL;
    } else if (n.isShort()) {
      return Kind.UINT;
    } else if (n.isIntegralNumber() && n.canConvertToLong()) {
      return Kind.INT;
    } else if (n.isNumber()) {
      return Kind.FLOAT;
    }
    return Kind.NIL;
  }

  /** Go's {@code %T} of the decoded value, for error messages. */
  static String typeName(JsonNode n) {
    return switch (kind(n)) {
      case MAP -> "map[string]interface {}";
      case SLICE -> "[]interface {}";
      case STRING -> "string";
      case BOOL -> "bool";
      case INT -> "int64";
      case UINT -> "uint8";
      case FLOAT -> "float64";
      case NIL -> "<nil>";
    };
  }

  /** Go's {@code fmt.Sprint} of the decoded value: {@code map[a:1 b:x]}, {@code [1 2]}. */
  static String sprint(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    sprint(n, sb);
    return sb.toString();
  }

  private static void sprint(JsonNode n, StringBuilder sb) {
    switch (kind(n)) {
      case MAP -> {
        sb.append("map[");
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : sortedFields(n)) {
          if (!first) {
            sb.append(' ');
          }
          first = false;
          sb.append(e.getKey()).append(':');
          sprint(e.getValue(), sb);
        }
        sb.append(']');
      }
      case SLICE -> {
        sb.append('[');
        for (int i = 0; i < n.size(); i++) {
          if (i > 0) {
            sb.append(' ');
          }
          sprint(n.get(i), sb);
        }
        sb.append(']');
      }
      case NIL -> sb.append("<nil>");
      case FLOAT -> sb.append(formatFloat(n.doubleValue()));
      default -> sb.append(n.asText());
    }
  }

  /**
   * How jsonpath prints one result: containers as JSON, scalars as {@code fmt.Sprint}, a JSON null
   * as {@code null}.
   */
  static String text(JsonNode n) {
    return switch (kind(n)) {
      case MAP, SLICE -> json(n);
      case NIL -> "null";
      default -> sprint(n);
    };
  }

  /** Go's {@code json.Marshal} of the decoded value: sorted keys, HTML-safe escaping. */
  static String json(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    json(n, sb);
    return sb.toString();
  }

  private static void json(JsonNode n, StringBuilder sb) {
    switch (kind(n)) {
      case MAP -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : sortedFields(n)) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          GoStrings.jsonString(e.getKey(), sb);
          sb.append(':');
          json(e.getValue(), sb);
        }
        sb.append('}');
      }
      case SLICE -> {
        sb.append('[');
        for (int i = 0; i < n.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          json(n.get(i), sb);
        }
        sb.append(']');
      }
      case STRING -> GoStrings.jsonString(n.textValue(), sb);
      case NIL -> sb.append("null");
      case FLOAT -> sb.append(jsonFloat(n.doubleValue()));
      default -> sb.append(n.asText());
    }
  }

  private static List<Map.Entry<String, JsonNode>> sortedFields(JsonNode n) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      fields.add(it.next());
    }
    // Go sorts map keys by their UTF-8 bytes, which is code point order
    fields.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey()));
    return fields;
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  // ------------------------------------------------------------------ floats

  /** Go's {@code %v} of a float64: shortest digits, exponent form below 1e-4 or from 1e21... */
  static String formatFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    } else if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    Digits g = Digits.of(d);
    int exp = g.point - 1;
    // %v is %g with the shortest digits, and %g switches to %e from exponent 6 (or below -4)
    return exp < -4 || exp >= 6 ? g.exponent(false) : g.fixed();
  }

  /** {@code encoding/json}'s float64: plain unless below 1e-6 or from 1e21, then {@code 1e-7}. */
  static String jsonFloat(double d) {
    double abs = Math.abs(d);
    Digits g = Digits.of(d);
    return abs != 0 && (abs < 1e-6 || abs >= 1e21) ? g.exponent(true) : g.fixed();
  }

  /** A float as its shortest decimal digits and the position of the decimal point. */
  private record Digits(boolean negative, String digits, int point) {
    static Digits of(double d) {
      boolean negative = d < 0 || (d == 0 && 1 / d < 0);
      if (d == 0) {
        return new Digits(negative, "", 0);
      }
      BigDecimal b = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
      String digits = b.unscaledValue().toString();
      return new Digits(negative, digits, digits.length() - b.scale());
    }

    String fixed() {
      StringBuilder sb = new StringBuilder(negative ? "-" : "");
      if (point <= 0) {
        sb.append(digits.isEmpty() ? "0" : "0." + "0".repeat(-point) + digits);
      } else if (point >= digits.length()) {
        sb.append(digits).append("0".repeat(point - digits.length()));
      } else {
        sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
      }
      return sb.toString();
    }

    String exponent(boolean jsonStyle) {
      StringBuilder sb = new StringBuilder(negative ? "-" : "");
      String ds = digits.isEmpty() ? "0" : digits;
      sb.append(ds.charAt(0));
      if (ds.length() > 1) {
        sb.append('.').append(ds, 1, ds.length());
      }
      int exp = digits.isEmpty() ? 0 : point - 1;
      sb.append('e').append(exp < 0 ? '-' : '+');
      int a = Math.abs(exp);
      sb.append(a < 10 && !(jsonStyle && exp < 0) ? "0" + a : String.valueOf(a));
      return sb.toString();
    }
  }

  // ------------------------------------------------------------------ comparison

  /**
   * Go text/template's comparison, as jsonpath filters use it: both sides of the same basic kind
   * (signed and unsigned integers mix), otherwise an error.
   */
  static boolean compare(JsonNode left, JsonNode right, String operator) {
    return switch (operator) {
      case "==" -> equal(left, right);
      case "!=" -> !equal(left, right);
      case "<" -> less(left, right);
      case "<=" -> less(left, right) || equal(left, right);
      case ">" -> !(less(left, right) || equal(left, right));
      case ">=" -> !less(left, right);
      default -> throw new JsonPathException("unrecognized filter operator " + operator);
    };
  }

  private static Kind comparable(JsonNode n) {
    Kind k = kind(n);
    return switch (k) {
      case BOOL, INT, UINT, FLOAT, STRING -> k;
      default -> throw new JsonPathException("invalid type for comparison");
    };
  }

  private static boolean integers(Kind a, Kind b) {
    return (a == Kind.INT || a == Kind.UINT) && (b == Kind.INT || b == Kind.UINT);
  }

  private static boolean equal(JsonNode a, JsonNode b) {
    Kind ka = comparable(a);
    Kind kb = comparable(b);
    if (ka != kb && !integers(ka, kb)) {
      throw new JsonPathException("incompatible types for comparison");
    }
    return switch (ka) {
      case BOOL -> a.booleanValue() == b.booleanValue();
      case FLOAT -> a.doubleValue() == b.doubleValue();
      case STRING -> a.textValue().equals(b.textValue());
      default -> a.longValue() == b.longValue();
    };
  }

  private static boolean less(JsonNode a, JsonNode b) {
    Kind ka = comparable(a);
    Kind kb = comparable(b);
    if (ka != kb && !integers(ka, kb)) {
      throw new JsonPathException("incompatible types for comparison");
    }
    return switch (ka) {
      case BOOL -> throw new JsonPathException("invalid type for comparison");
      case FLOAT -> a.doubleValue() < b.doubleValue();
      case STRING -> compareCodePoints(a.textValue(), b.textValue()) < 0;
      default -> a.longValue() < b.longValue();
    };
  }
}
