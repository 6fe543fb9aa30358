package io.kpg.json.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Renders JSON values the way Go's {@code fmt} renders the decoded {@code interface{}} values, so
 * that error messages read like upstream's (e.g. {@code map[image:nginx ports:[80]]}).
 */
final class GoFormat {
  private GoFormat() {}

  /** {@code %v} of a decoded JSON value; {@code null} (Java) or JSON null is {@code <nil>}. */
  static String v(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    append(sb, n);
    return sb.toString();
  }

  /** {@code %v} of a list of decoded lists, as {@code fmt.Sprint} prints {@code [][]any}. */
  static String lists(List<? extends JsonNode> lists) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < lists.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      JsonNode l = lists.get(i);
      if (l == null || l.isNull()) {
        sb.append("[]");
      } else {
        append(sb, l);
      }
    }
    return sb.append(']').toString();
  }

  private static void append(StringBuilder sb, JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      sb.append("<nil>");
    } else if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      sb.append("map[");
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(keys.get(i)).append(':');
        append(sb, n.get(keys.get(i)));
      }
      sb.append(']');
    } else if (n.isArray()) {
      sb.append('[');
      Iterator<JsonNode> it = n.elements();
      boolean first = true;
      while (it.hasNext()) {
        if (!first) {
          sb.append(' ');
        }
        first = false;
        append(sb, it.next());
      }
      sb.append(']');
    } else if (n.isTextual()) {
      sb.append(n.textValue());
    } else if (n.isIntegralNumber()) {
      sb.append(n.bigIntegerValue());
    } else if (n.isNumber()) {
      sb.append(floatG(n.doubleValue()));
    } else if (n.isBoolean()) {
      sb.append(n.booleanValue());
    } else {
      sb.append(n.asText());
    }
  }

  /** The Go type a JSON value decodes to ({@code reflect.TypeOf(v).String()}). */
  static String type(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "%!s(<nil>)";
    }
    if (n.isObject()) {
      return "map[string]interface {}";
    }
    if (n.isArray()) {
      return "[]interface {}";
    }
    if (n.isTextual()) {
      return "string";
    }
    if (n.isIntegralNumber()) {
      return "int64";
    }
    if (n.isNumber()) {
      return "float64";
    }
    if (n.isBoolean()) {
      return "bool";
    }
    return "interface {}";
  }

  /** {@code %s} of a decoded value: strings as they are, anything else as Go's bad-verb form. */
  static String s(JsonNode n) {
    if (n != null && n.isTextual()) {
      return n.textValue();
    }
    if (n == null || n.isNull()) {
      return "%!s(<nil>)";
    }
    return "%!s(" + type(n) + "=" + v(n) + ")";
  }

  /** {@code strconv.FormatFloat(f, 'g', -1, 64)}, which is what {@code %v} prints. */
  static String floatG(double d) {
    if (d == 0) {
      return "0";
    }
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    String sign = d < 0 ? "-" : "";
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int nd = digits.length();
    int dp = nd - bd.scale();
    int exp = dp - 1;
    StringBuilder sb = new StringBuilder(sign);
    if (exp < -4 || exp >= 6) {
      sb.append(digits.charAt(0));
      if (nd > 1) {
        sb.append('.').append(digits, 1, nd);
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int ae = Math.abs(exp);
      if (ae < 10) {
        sb.append('0');
      }
      sb.append(ae);
    } else if (dp <= 0) {
      sb.append("0.").append("0".repeat(-dp)).append(digits);
    } else if (dp >= nd) {
      sb.append(digits).append("0".repeat(dp - nd));
    } else {
      sb.append(digits, 0, dp).append('.').append(digits, dp, nd);
    }
    return sb.toString();
  }
}
