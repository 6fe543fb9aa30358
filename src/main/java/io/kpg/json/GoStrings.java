package io.kpg.json;

/**
 * Strings as Go writes them, for upstream's message texts: {@code strconv.Quote} (fmt's {@code %q})
 * and encoding/json's string encoding with its HTML-safe escapes.
 */
public final class GoStrings {
  private GoStrings() {}

  /** Go's {@code strconv.Quote} (fmt's {@code %q}) of a string. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 0x07 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x0b -> sb.append("\\v");
                default -> {
                  if (cp < 0x20 || cp == 0x7f) {
                    sb.append(String.format("\\x%02x", cp));
                  } else if (cp < 0x80 || isPrint(cp)) {
                    sb.appendCodePoint(cp);
                  } else if (cp < 0x10000) {
                    sb.append(String.format("\\u%04x", cp));
                  } else {
                    sb.append(String.format("\\U%08x", cp));
                  }
                }
              }
            });
    return sb.append('"').toString();
  }

  private static boolean isPrint(int cp) {
    int type = Character.getType(cp);
    return !(type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || (type == Character.SPACE_SEPARATOR && cp != ' '));
  }

  /**
   * Go's encoding/json form of a string (Go 1.22+): {@code \b \f \n \r \t} short escapes, other
   * controls as six-character {@code \\u} escapes, {@code < > &} and U+2028/U+2029 escaped, lone
   * surrogates as U+FFFD.
   */
  public static String jsonString(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    jsonString(s, sb);
    return sb.toString();
  }

  public static void jsonString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            sb.append("\\ufffd");
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
