package io.kpg.crd.columns;

import io.kpg.crd.columns.Ast.Actions;
import io.kpg.crd.columns.Ast.Bound;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a jsonpath template the way client-go's {@code util/jsonpath} parser does: text with
 * {@code {...}} actions; inside an action fields, indexes and slices, unions, filters, wildcards,
 * recursive descent, quoted strings, numbers, booleans and the {@code range}/{@code end} words. The
 * grammar's quirks are kept (for instance {@code ['a.b']} means the field {@code a} then {@code b};
 * a dotted key is written {@code a\.b}) because CRD authors rely on upstream's reading.
 */
final class Parser {
  private static final int EOF = -1;
  private static final Pattern DICT_KEY = Pattern.compile("'([^']*)'");
  private static final Pattern SLICE = Pattern.compile("(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?");
  private static final Pattern COMPARISON =
      Pattern.compile("([^!<>=]+)([!<>=]+)(.+?)", Pattern.DOTALL);
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)");

  private final String input;
  private final Actions root = new Actions();
  private int pos;
  private int start;
  private int width;

  private Parser(String input) {
    this.input = input;
  }

  static Actions parse(String template) {
    Parser p = new Parser(template);
    p.parseText();
    return p.root;
  }

  /** Parses {@code text} as the inside of one action and returns that action. */
  private static Actions parseAction(String text) {
    return (Actions) parse("{" + text + "}").nodes.get(0);
  }

  // ------------------------------------------------------------------ scanning

  private int next() {
    if (pos >= input.length()) {
      width = 0;
      return EOF;
    }
    int r = input.codePointAt(pos);
    width = Character.charCount(r);
    pos += width;
    return r;
  }

  private void backup() {
    pos -= width;
  }

  private int peek() {
    int r = next();
    backup();
    return r;
  }

  private String consume() {
    String s = input.substring(start, pos);
    start = pos;
    return s;
  }

  /** Whether the character before the one just read is a backslash. */
  private boolean escaped() {
    return pos >= 2 && input.charAt(pos - 2) == '\\';
  }

  // ------------------------------------------------------------------ grammar

  private void parseText() {
    while (true) {
      if (input.startsWith("{", pos)) {
        if (pos > start) {
          root.nodes.add(new Ast.Text(consume()));
        }
        pos++;
        consume();
        Actions action = new Actions();
        root.nodes.add(action);
        parseInsideAction(action);
        continue;
      }
      if (next() == EOF) {
        break;
      }
    }
    if (pos > start) {
      root.nodes.add(new Ast.Text(consume()));
    }
  }

  /** Parses up to and including the closing brace of the current action. */
  private void parseInsideAction(Actions cur) {
    while (true) {
      if (input.startsWith("}", pos)) {
        pos++;
        consume();
        return;
      }
      if (input.startsWith("[?(", pos)) {
        parseFilter(cur);
        continue;
      }
      if (input.startsWith("..", pos)) {
        parseRecursive(cur);
        continue;
      }
      int r = next();
      if (r == EOF || r == '\r' || r == '\n') {
        throw new JsonPathException("unclosed action");
      } else if (r == ' ' || r == '@' || r == '$') {
        consume();
      } else if (r == '[') {
        parseArray(cur);
      } else if (r == '"' || r == '\'') {
        parseQuote(cur, r);
      } else if (r == '.') {
        parseField(cur);
      } else if (r == '+' || r == '-' || Character.isDigit(r)) {
        backup();
        parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        backup();
        parseIdentifier(cur);
      } else {
        throw new JsonPathException("unrecognized character in action: " + describe(r));
      }
    }
  }

  private void parseIdentifier(Actions cur) {
    while (!isTerminator(next())) {}
    backup();
    String value = consume();
    if (value.equals("true") || value.equals("false")) {
      cur.nodes.add(new Ast.BoolLit(Boolean.parseBoolean(value)));
    } else {
      cur.nodes.add(new Ast.Identifier(value));
    }
  }

  private void parseRecursive(Actions cur) {
    if (cur.last() instanceof Ast.Recursive) {
      throw new JsonPathException("invalid multiple recursive descent");
    }
    pos += 2;
    consume();
    cur.nodes.add(new Ast.Recursive());
    if (isAlphaNumeric(peek())) {
      parseField(cur);
    }
  }

  private void parseNumber(Actions cur) {
    int r = peek();
    if (r == '+' || r == '-') {
      next();
    }
    do {
      r = next();
    } while (r == '.' || (r != EOF && Character.isDigit(r)));
    backup();
    String value = consume();
    if (INTEGER.matcher(value).matches()) {
      try {
        cur.nodes.add(new Ast.IntLit(Long.parseLong(value)));
        return;
      } catch (NumberFormatException tooLarge) {
        // like strconv.Atoi failing on overflow: the text is tried as a float next
      }
    }
    if (DECIMAL.matcher(value).matches()) {
      double d = Double.parseDouble(value);
      if (!Double.isInfinite(d)) {
        cur.nodes.add(new Ast.FloatLit(d));
        return;
      }
    }
    throw new JsonPathException("cannot parse number " + value);
  }

  private void parseArray(Actions cur) {
    while (true) {
      int r = next();
      if (r == EOF || r == '\n') {
        throw new JsonPathException("unterminated array");
      }
      if (r == ']') {
        break;
      }
    }
    String text = consume();
    text = text.substring(1, text.length() - 1);
    if (text.equals("*")) {
      text = ":";
    }

    String[] parts = text.split(",", -1);
    if (parts.length > 1) {
      List<Actions> branches = new ArrayList<>();
      for (String part : parts) {
        branches.add(parseAction("[" + trimSpaces(part) + "]"));
      }
      cur.nodes.add(new Ast.Union(branches));
      return;
    }

    Matcher key = DICT_KEY.matcher(text);
    if (key.matches()) {
      cur.nodes.addAll(parseAction("." + key.group(1)).nodes);
      return;
    }

    Matcher slice = SLICE.matcher(text);
    if (!slice.matches()) {
      throw new JsonPathException("invalid array index " + text);
    }
    Bound[] bounds = new Bound[3];
    for (int i = 0; i < 3; i++) {
      String v = slice.group(i + 1);
      if (v != null && !v.isEmpty()) {
        if (i > 0) {
          v = v.substring(1);
        }
        if (i > 0 && v.isEmpty()) {
          bounds[i] = new Bound(0, false, false);
        } else {
          bounds[i] = new Bound(arrayIndex(v), true, false);
        }
      } else if (i == 1) {
        bounds[i] = new Bound(bounds[0].value() + 1, true, true);
      } else {
        bounds[i] = new Bound(0, false, false);
      }
    }
    cur.nodes.add(new Ast.Slice(bounds[0], bounds[1], bounds[2]));
  }

  private static long arrayIndex(String v) {
    try {
      if (INTEGER.matcher(v).matches()) {
        return Long.parseLong(v);
      }
    } catch (NumberFormatException tooLarge) {
      // reported below
    }
    throw new JsonPathException("array index " + v + " is not a number");
  }

  private void parseFilter(Actions cur) {
    pos += 3;
    consume();
    boolean begin = false;
    boolean end = false;
    int pair = 0;
    loop:
    while (true) {
      int r = next();
      switch (r) {
        case EOF, '\n' -> throw new JsonPathException("unterminated filter");
        case '"', '\'' -> {
          if (!begin) {
            begin = true;
            pair = r;
          } else if (!escaped() && r == pair) {
            end = true;
          }
        }
        case ')' -> {
          if (begin == end) {
            break loop;
          }
        }
        default -> {}
      }
    }
    if (next() != ']') {
      throw new JsonPathException("unclosed array expect ]");
    }
    String text = consume();
    text = text.substring(0, text.length() - 2);
    Matcher m = COMPARISON.matcher(text);
    if (!m.matches()) {
      cur.nodes.add(new Ast.Filter(parseAction(text), new Actions(), "exists"));
    } else {
      Actions left = parseAction(m.group(1));
      Actions right = parseAction(m.group(3));
      cur.nodes.add(new Ast.Filter(left, right, m.group(2)));
    }
  }

  private void parseQuote(Actions cur, int end) {
    while (true) {
      int r = next();
      if (r == EOF || r == '\n') {
        throw new JsonPathException("unterminated quoted string");
      }
      if (r == end && !escaped()) {
        break;
      }
    }
    String value = consume();
    String s = unquote(value);
    if (s == null) {
      throw new JsonPathException("unquote string " + value + " error invalid syntax");
    }
    cur.nodes.add(new Ast.Text(s));
  }

  private void parseField(Actions cur) {
    consume();
    while (advance()) {}
    String value = consume();
    if (value.equals("*")) {
      cur.nodes.add(new Ast.Wildcard());
    } else {
      cur.nodes.add(new Ast.Field(value.replace("\\", "")));
    }
  }

  /** Moves past one character of a field name; a backslash takes the next one with it. */
  private boolean advance() {
    int r = next();
    if (r == '\\') {
      next();
    } else if (isTerminator(r)) {
      backup();
      return false;
    }
    return true;
  }

  // ------------------------------------------------------------------ character classes

  private static boolean isTerminator(int r) {
    return switch (r) {
      case EOF, ' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}' -> true;
      default -> false;
    };
  }

  private static boolean isAlphaNumeric(int r) {
    return r == '_' || (r != EOF && (Character.isLetter(r) || Character.isDigit(r)));
  }

  private static String trimSpaces(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && s.charAt(b) == ' ') {
      b++;
    }
    while (e > b && s.charAt(e - 1) == ' ') {
      e--;
    }
    return s.substring(b, e);
  }

  /** Go's {@code %#U}: {@code U+002A '*'}, without the quoted character when not printable. */
  private static String describe(int r) {
    String code = String.format("U+%04X", r);
    return isPrintable(r) ? code + " '" + new String(Character.toChars(r)) + "'" : code;
  }

  private static boolean isPrintable(int r) {
    if (r == ' ') {
      return true;
    }
    return switch (Character.getType(r)) {
      case Character.UNASSIGNED,
          Character.CONTROL,
          Character.FORMAT,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }

  // ------------------------------------------------------------------ quoted strings

  /**
   * Go's unquoting extended to single quotes: the escapes of Go string literals, the other quote
   * character unescaped. Null when the literal is malformed.
   */
  static String unquote(String s) {
    int n = s.length();
    if (n < 2) {
      return null;
    }
    char quote = s.charAt(0);
    if (quote != s.charAt(n - 1) || (quote != '"' && quote != '\'')) {
      return null;
    }
    String body = s.substring(1, n - 1);
    if (body.indexOf('\\') < 0 && body.indexOf(quote) < 0) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < body.length()) {
      int c = body.codePointAt(i);
      if (c == quote) {
        return null;
      }
      if (c != '\\') {
        out.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(c);
        continue;
      }
      if (i + 1 >= body.length()) {
        return null;
      }
      char e = body.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'a' -> out.write(7);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'n' -> out.write('\n');
        case 'r' -> out.write('\r');
        case 't' -> out.write('\t');
        case 'v' -> out.write(11);
        case '\\' -> out.write('\\');
        case '\'', '"' -> {
          if (e != quote) {
            return null;
          }
          out.write(e);
        }
        case 'x', 'u', 'U' -> {
          int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + len > body.length()) {
            return null;
          }
          long v = 0;
          for (int k = 0; k < len; k++) {
            int d = Character.digit(body.charAt(i + k), 16);
            if (d < 0 || body.charAt(i + k) > 'f') {
              return null;
            }
            v = v * 16 + d;
          }
          i += len;
          if (e == 'x') {
            out.write((int) v);
          } else {
            if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v < 0xE000)) {
              return null;
            }
            out.writeBytes(new String(Character.toChars((int) v)).getBytes(StandardCharsets.UTF_8));
          }
        }
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          if (i + 2 > body.length()) {
            return null;
          }
          int v = e - '0';
          for (int k = 0; k < 2; k++) {
            int d = body.charAt(i + k) - '0';
            if (d < 0 || d > 7) {
              return null;
            }
            v = v * 8 + d;
          }
          if (v > 255) {
            return null;
          }
          i += 2;
          out.write(v);
        }
        default -> {
          return null;
        }
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
