package io.kpg.crd.cel;

/**
 * The {@code fieldPath} of a validation rule: a JSON path of field accessors ({@code .a}, {@code
 * ['a.b']}) relative to the rule's schema node, normalized the way upstream prints paths.
 */
final class FieldPaths {

  private FieldPaths() {}

  /** The normalized path ("a.b", "a[key]"), or null when it does not name a field of the schema. */
  static String normalize(String jsonPath, SchemaNode schema) {
    StringBuilder out = new StringBuilder();
    SchemaNode at = schema;
    int i = 0;
    int n = jsonPath.length();
    while (i < n) {
      char c = jsonPath.charAt(i);
      String name;
      if (c == '.') {
        int end = i + 1;
        while (end < n && jsonPath.charAt(end) != '.' && jsonPath.charAt(end) != '[') {
          end++;
        }
        name = jsonPath.substring(i + 1, end);
        if (end < n && jsonPath.charAt(end) == ']') {
          return null;
        }
        i = end;
      } else if (c == '[') {
        if (i + 1 >= n || jsonPath.charAt(i + 1) != '\'') {
          return null;
        }
        int j = i + 2;
        StringBuilder sb = new StringBuilder();
        while (j < n && jsonPath.charAt(j) != '\'') {
          if (jsonPath.charAt(j) == '\\' && j + 1 < n) {
            char e = jsonPath.charAt(j + 1);
            switch (e) {
              case 'a' -> sb.append('\u0007');
              case 'b' -> sb.append('\b');
              case 'f' -> sb.append('\f');
              case 'n' -> sb.append('\n');
              case 'r' -> sb.append('\r');
              case 't' -> sb.append('\t');
              case 'v' -> sb.append('\u000b');
              case '\'', '"', '\\' -> sb.append(e);
              default -> {
                return null;
              }
            }
            j += 2;
            continue;
          }
          sb.append(jsonPath.charAt(j++));
        }
        if (j + 1 >= n || jsonPath.charAt(j + 1) != ']') {
          return null;
        }
        name = sb.toString();
        i = j + 2;
      } else {
        return null;
      }
      if (name.isEmpty() && c == '.') {
        return null;
      }
      if (!at.properties.isEmpty()
          || (at.additional == null && "object".equals(at.type) && at.schema.has("properties"))) {
        SchemaNode child = at.properties.get(name);
        if (child == null) {
          return null;
        }
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(name);
        at = child;
      } else if (at.additional != null) {
        out.append('[').append(name).append(']');
        at = at.additional;
      } else {
        return null;
      }
    }
    return out.toString();
  }
}
