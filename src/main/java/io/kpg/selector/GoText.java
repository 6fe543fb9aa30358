package io.kpg.selector;

import java.util.List;

/** Renders values the way Go's fmt does in upstream's error messages. */
final class GoText {
  private GoText() {}

  /** Go's {@code %q} / strconv.Quote for a string. */
  static String quote(String s) {
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

  /** Go's json.Marshal of a []string (nil slice renders as null). */
  static String jsonList(List<String> values) {
    if (values == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(jsonString(values.get(i)));
    }
    return sb.append(']').toString();
  }

  private static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<' -> sb.append("\\u003c");
        case '>' -> sb.append("\\u003e");
        case '&' -> sb.append("\\u0026");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A field.Error rendered as {@code <path>: Invalid value: <value>: <detail>}. */
  static String invalid(String path, String renderedValue, String detail) {
    return path + ": Invalid value: " + renderedValue + ": " + detail;
  }

  /** utilerrors.Aggregate's Error(): one message as is, several in brackets (duplicates once). */
  static String aggregate(List<String> msgs) {
    List<String> unique = msgs.stream().distinct().toList();
    if (unique.size() == 1) {
      return unique.get(0);
    }
    return "[" + String.join(", ", unique) + "]";
  }
}
