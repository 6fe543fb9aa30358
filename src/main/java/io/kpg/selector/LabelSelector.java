package io.kpg.selector;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.errors.Errors;
import io.kpg.errors.StatusException;
import io.kpg.json.GoStrings;
import io.kpg.registry.validation.NameValidation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A label selector with upstream's semantics (apimachinery {@code pkg/labels/selector.go}): the
 * {@code labelSelector} query syntax, matching, the canonical string form, and the conversion from
 * a {@code metav1.LabelSelector} object.
 *
 * <p>Requirements are ANDed and kept sorted by key, as upstream does after parsing.
 */
public final class LabelSelector {

  /** Upstream's selection.Operator values a label requirement can use. */
  public enum Operator {
    IN("in"),
    NOT_IN("notin"),
    EQUALS("="),
    DOUBLE_EQUALS("=="),
    NOT_EQUALS("!="),
    EXISTS("exists"),
    DOES_NOT_EXIST("!"),
    GREATER_THAN("gt"),
    LESS_THAN("lt");

    /** Upstream's string value of the operator ({@code selection.Operator}). */
    public final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    /** True for the operators that select by one exact value (=, ==, in with one value). */
    public boolean isEquality() {
      return this == EQUALS || this == DOUBLE_EQUALS;
    }
  }

  /**
   * One requirement: {@code key op values}. For EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER_THAN and
   * LESS_THAN there is exactly one value; for IN and NOT_IN at least one; none for EXISTS and
   * DOES_NOT_EXIST. Parsed selectors carry values sorted and without duplicates.
   */
  public record Requirement(String key, Operator op, List<String> values) {
    public Requirement {
      values = List.copyOf(values);
    }

    /** Whether a set of labels satisfies this requirement (upstream's Requirement.Matches). */
    public boolean matches(Map<String, String> labels) {
      String val = labels.get(key);
      boolean exists = val != null || labels.containsKey(key);
      if (val == null) {
        val = "";
      }
      switch (op) {
        case IN, EQUALS, DOUBLE_EQUALS:
          return exists && values.contains(val);
        case NOT_IN, NOT_EQUALS:
          return !exists || !values.contains(val);
        case EXISTS:
          return exists;
        case DOES_NOT_EXIST:
          return !exists;
        case GREATER_THAN, LESS_THAN:
          if (!exists || values.size() != 1) {
            return false;
          }
          Long have = parseInt64(val);
          Long want = parseInt64(values.get(0));
          if (have == null || want == null) {
            return false;
          }
          return op == Operator.GREATER_THAN ? have > want : have < want;
        default:
          return false;
      }
    }

    /** Upstream's Requirement.String(): e.g. {@code a=b}, {@code !a}, {@code a in (x,y)}. */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (op == Operator.DOES_NOT_EXIST) {
        sb.append('!');
      }
      sb.append(key);
      switch (op) {
        case EQUALS -> sb.append('=');
        case DOUBLE_EQUALS -> sb.append("==");
        case NOT_EQUALS -> sb.append("!=");
        case IN -> sb.append(" in ");
        case NOT_IN -> sb.append(" notin ");
        case GREATER_THAN -> sb.append('>');
        case LESS_THAN -> sb.append('<');
        case EXISTS, DOES_NOT_EXIST -> {
          return sb.toString();
        }
      }
      boolean set = op == Operator.IN || op == Operator.NOT_IN;
      if (set) {
        sb.append('(');
      }
      if (values.size() == 1) {
        sb.append(values.get(0));
      } else {
        List<String> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        sb.append(String.join(",", sorted));
      }
      if (set) {
        sb.append(')');
      }
      return sb.toString();
    }
  }

  private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
  private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

  private final List<Requirement> requirements;
  private final boolean nothing;

  private LabelSelector(List<Requirement> requirements, boolean nothing) {
    this.requirements = requirements;
    this.nothing = nothing;
  }

  /** Matches every set of labels. */
  public static LabelSelector everything() {
    return EVERYTHING;
  }

  /** Matches no set of labels (what a missing metav1.LabelSelector converts to). */
  public static LabelSelector nothing() {
    return NOTHING;
  }

  /** Exact-match selector for a label set ({@code a=b,c=d}), not validated, like upstream. */
  public static LabelSelector fromSet(Map<String, String> set) {
    if (set == null || set.isEmpty()) {
      return EVERYTHING;
    }
    List<Requirement> reqs = new ArrayList<>();
    set.forEach((k, v) -> reqs.add(new Requirement(k, Operator.EQUALS, List.of(v))));
    return of(reqs);
  }

  private static LabelSelector of(List<Requirement> reqs) {
    List<Requirement> sorted = new ArrayList<>(reqs);
    sorted.sort(Comparator.comparing(Requirement::key)); // stable, as upstream is for few items
    return new LabelSelector(List.copyOf(sorted), false);
  }

  /** The requirements, sorted by key; empty for everything() and nothing(). */
  public List<Requirement> requirements() {
    return requirements;
  }

  /** True when the selector does not restrict anything (upstream's Empty()). */
  public boolean isEmpty() {
    return !nothing && requirements.isEmpty();
  }

  /** True only for {@link #nothing()}. */
  public boolean matchesNothing() {
    return nothing;
  }

  public boolean matches(Map<String, String> labels) {
    if (nothing) {
      return false;
    }
    Map<String, String> ls = labels == null ? Map.of() : labels;
    for (Requirement r : requirements) {
      if (!r.matches(ls)) {
        return false;
      }
    }
    return true;
  }

  /** Matches a {@code metadata.labels} JSON object; null or missing means no labels. */
  public boolean matches(JsonNode labelsObject) {
    Map<String, String> ls = new java.util.HashMap<>();
    if (labelsObject != null && labelsObject.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = labelsObject.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        ls.put(e.getKey(), v == null || v.isNull() ? "" : v.asText());
      }
    }
    return matches(ls);
  }

  /**
   * The single value the selector requires for a label (=, == or in with one value), as upstream's
   * RequiresExactMatch: only the first requirement on that key is looked at.
   */
  public Optional<String> requiresExactMatch(String label) {
    for (Requirement r : requirements) {
      if (r.key().equals(label)) {
        if ((r.op() == Operator.EQUALS || r.op() == Operator.DOUBLE_EQUALS || r.op() == Operator.IN)
            && r.values().size() == 1) {
          return Optional.of(r.values().get(0));
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Canonical string ({@code Selector.String()}); "" for everything() and nothing(). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Requirement r : requirements) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(r);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSelector s
        && s.nothing == nothing
        && s.requirements.equals(requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + (nothing ? 1 : 0);
  }

  // ---------------------------------------------------------------- metav1.LabelSelector

  /**
   * Converts a metav1.LabelSelector object ({@code matchLabels}, {@code matchExpressions}) like
   * upstream's LabelSelectorAsSelector: null / missing is {@link #nothing()}, an empty object is
   * {@link #everything()}. Invalid content throws a 400 BadRequest with upstream's message.
   */
  public static LabelSelector fromLabelSelectorJson(JsonNode ps) {
    if (ps == null || ps.isNull() || ps.isMissingNode()) {
      return NOTHING;
    }
    JsonNode ml = ps.get("matchLabels");
    JsonNode me = ps.get("matchExpressions");
    int n =
        (ml != null && ml.isObject() ? ml.size() : 0)
            + (me != null && me.isArray() ? me.size() : 0);
    if (n == 0) {
      return EVERYTHING;
    }
    List<Requirement> reqs = new ArrayList<>();
    if (ml != null && ml.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = ml.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        reqs.add(newRequirement(e.getKey(), Operator.EQUALS, List.of(text(e.getValue()))));
      }
    }
    if (me != null && me.isArray()) {
      for (JsonNode expr : me) {
        String opName = text(expr.get("operator"));
        Operator op =
            switch (opName) {
              case "In" -> Operator.IN;
              case "NotIn" -> Operator.NOT_IN;
              case "Exists" -> Operator.EXISTS;
              case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
              default ->
                  throw Errors.badRequest(
                      GoStrings.quote(opName) + " is not a valid label selector operator");
            };
        JsonNode vs = expr.get("values");
        List<String> values = null; // Go: append([]string(nil), ...) stays nil when empty
        if (vs != null && vs.isArray() && vs.size() > 0) {
          values = new ArrayList<>();
          for (JsonNode v : vs) {
            values.add(text(v));
          }
        }
        reqs.add(newRequirement(text(expr.get("key")), op, values));
      }
    }
    return of(reqs);
  }

  /** Upstream's FormatLabelSelector: the canonical string, "<none>" if empty, "<error>" if bad. */
  public static String formatLabelSelector(JsonNode ps) {
    String s;
    try {
      s = fromLabelSelectorJson(ps).toString();
    } catch (StatusException e) {
      return "<error>";
    }
    return s.isEmpty() ? "<none>" : s;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? "" : n.asText();
  }

  /**
   * Upstream's NewRequirement: validates the key, the operator's arity and each value; all problems
   * are reported together. {@code values} may be null (Go's nil slice).
   */
  public static Requirement newRequirement(String key, Operator op, List<String> values) {
    List<String> errs = new ArrayList<>();
    List<String> vals = values == null ? List.of() : values;
    List<String> keyErrs = NameValidation.isQualifiedName(key);
    if (!keyErrs.isEmpty()) {
      errs.add(GoText.invalid("key", GoStrings.quote(key), String.join("; ", keyErrs)));
    }
    switch (op) {
      case IN, NOT_IN -> {
        if (vals.isEmpty()) {
          errs.add(
              GoText.invalid(
                  "values",
                  GoText.jsonList(values),
                  "for 'in', 'notin' operators, values set can't be empty"));
        }
      }
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
        if (vals.size() != 1) {
          errs.add(
              GoText.invalid(
                  "values",
                  GoText.jsonList(values),
                  "exact-match compatibility requires one single value"));
        }
      }
      case EXISTS, DOES_NOT_EXIST -> {
        if (!vals.isEmpty()) {
          errs.add(
              GoText.invalid(
                  "values",
                  GoText.jsonList(values),
                  "values set must be empty for exists and does not exist"));
        }
      }
      case GREATER_THAN, LESS_THAN -> {
        if (vals.size() != 1) {
          errs.add(
              GoText.invalid(
                  "values",
                  GoText.jsonList(values),
                  "for 'Gt', 'Lt' operators, exactly one value is required"));
        }
        for (int i = 0; i < vals.size(); i++) {
          if (parseInt64(vals.get(i)) == null) {
            errs.add(
                GoText.invalid(
                    "values[" + i + "]",
                    GoStrings.quote(vals.get(i)),
                    "for 'Gt', 'Lt' operators, the value must be an integer"));
          }
        }
      }
    }
    for (int i = 0; i < vals.size(); i++) {
      List<String> valErrs = NameValidation.isValidLabelValue(vals.get(i));
      if (!valErrs.isEmpty()) {
        errs.add(
            GoText.invalid(
                "values[" + i + "][" + key + "]",
                GoStrings.quote(vals.get(i)),
                String.join("; ", valErrs)));
      }
    }
    if (!errs.isEmpty()) {
      throw Errors.badRequest(GoText.aggregate(errs));
    }
    return new Requirement(key, op, vals);
  }

  /** Go's strconv.ParseInt(s, 10, 64): optional sign, ASCII digits, in int64 range. */
  static Long parseInt64(String s) {
    if (s.isEmpty()) {
      return null;
    }
    int start = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
    if (start == s.length()) {
      return null;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- parsing

  /**
   * Parses the {@code labelSelector} query syntax. The empty (or blank) string selects everything.
   * Malformed input throws a 400 BadRequest with upstream's message.
   */
  public static LabelSelector parse(String selector) {
    if (selector == null) {
      return EVERYTHING;
    }
    List<Requirement> reqs = new Parser(selector).parse();
    if (reqs.isEmpty()) {
      return EVERYTHING;
    }
    return of(reqs);
  }

  private enum Tok {
    ERROR,
    END,
    CLOSED_PAR,
    COMMA,
    DOES_NOT_EXIST,
    DOUBLE_EQUALS,
    EQUALS,
    GREATER_THAN,
    IDENTIFIER,
    IN,
    LESS_THAN,
    NOT_EQUALS,
    NOT_IN,
    OPEN_PAR
  }

  private record Item(Tok tok, String literal) {}

  private static Tok keyword(String s) {
    return switch (s) {
      case ")" -> Tok.CLOSED_PAR;
      case "," -> Tok.COMMA;
      case "!" -> Tok.DOES_NOT_EXIST;
      case "==" -> Tok.DOUBLE_EQUALS;
      case "=" -> Tok.EQUALS;
      case ">" -> Tok.GREATER_THAN;
      case "in" -> Tok.IN;
      case "<" -> Tok.LESS_THAN;
      case "!=" -> Tok.NOT_EQUALS;
      case "notin" -> Tok.NOT_IN;
      case "(" -> Tok.OPEN_PAR;
      default -> null;
    };
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isSpecial(char c) {
    return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
  }

  /** Upstream's lexer, one token at a time; char 0 stands for end of input as in Go. */
  private static final class Lexer {
    private final String s;
    private int pos;

    Lexer(String s) {
      this.s = s;
    }

    char read() {
      char c = 0;
      if (pos < s.length()) {
        c = s.charAt(pos);
        pos++;
      }
      return c;
    }

    void unread() {
      pos--;
    }

    Item lex() {
      char c = read();
      while (isWhitespace(c)) {
        c = read();
      }
      if (c == 0) {
        return new Item(Tok.END, "");
      }
      unread();
      return isSpecial(c) ? scanSpecial() : scanIdOrKeyword();
    }

    private Item scanIdOrKeyword() {
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = read();
        if (c == 0) {
          break;
        }
        if (isSpecial(c) || isWhitespace(c)) {
          unread();
          break;
        }
        b.append(c);
      }
      String lit = b.toString();
      Tok t = keyword(lit);
      return t != null ? new Item(t, lit) : new Item(Tok.IDENTIFIER, lit);
    }

    private Item scanSpecial() {
      StringBuilder b = new StringBuilder();
      Item last = null;
      while (true) {
        char c = read();
        if (c == 0) {
          break;
        }
        if (!isSpecial(c)) {
          unread();
          break;
        }
        b.append(c);
        Tok t = keyword(b.toString());
        if (t != null) {
          last = new Item(t, b.toString());
        } else if (last != null) {
          unread();
          break;
        }
      }
      if (last == null) {
        return new Item(Tok.ERROR, "error expected: keyword found '" + b + "'");
      }
      return last;
    }
  }

  /** Upstream's recursive-descent parser over the scanned tokens. */
  private static final class Parser {
    private final List<Item> items = new ArrayList<>();
    private int position;

    Parser(String selector) {
      Lexer l = new Lexer(selector);
      while (true) {
        Item it = l.lex();
        items.add(it);
        if (it.tok() == Tok.END) {
          break;
        }
      }
    }

    /** In a values context the keywords in / notin are plain identifiers. */
    private static Item asValue(Item it) {
      if (it.tok() == Tok.IN || it.tok() == Tok.NOT_IN) {
        return new Item(Tok.IDENTIFIER, it.literal());
      }
      return it;
    }

    private Item lookahead(boolean values) {
      Item it = items.get(position);
      return values ? asValue(it) : it;
    }

    private Item consume(boolean values) {
      Item it = items.get(position++);
      return values ? asValue(it) : it;
    }

    private static StatusException error(String msg) {
      return Errors.badRequest(msg);
    }

    List<Requirement> parse() {
      List<Requirement> reqs = new ArrayList<>();
      while (true) {
        Item it = lookahead(true);
        switch (it.tok()) {
          case IDENTIFIER, DOES_NOT_EXIST -> {
            Requirement r;
            try {
              r = parseRequirement();
            } catch (StatusException e) {
              throw error("unable to parse requirement: " + e.getMessage());
            }
            reqs.add(r);
            Item t = consume(true);
            switch (t.tok()) {
              case END -> {
                return reqs;
              }
              case COMMA -> {
                Item t2 = lookahead(true);
                if (t2.tok() != Tok.IDENTIFIER && t2.tok() != Tok.DOES_NOT_EXIST) {
                  throw error("found '" + t2.literal() + "', expected: identifier after ','");
                }
              }
              default ->
                  throw error("found '" + t.literal() + "', expected: ',' or 'end of string'");
            }
          }
          case END -> {
            return reqs;
          }
          default ->
              throw error(
                  "found '" + it.literal() + "', expected: !, identifier, or 'end of string'");
        }
      }
    }

    private Requirement parseRequirement() {
      Operator op = null;
      Item t = consume(true);
      if (t.tok() == Tok.DOES_NOT_EXIST) {
        op = Operator.DOES_NOT_EXIST;
        t = consume(true);
      }
      if (t.tok() != Tok.IDENTIFIER) {
        throw error("found '" + t.literal() + "', expected: identifier");
      }
      String key = t.literal();
      List<String> keyErrs = NameValidation.isQualifiedName(key);
      if (!keyErrs.isEmpty()) {
        // upstream reports this with a nil field path, which Go prints as <nil>
        throw error(GoText.invalid("<nil>", GoStrings.quote(key), String.join("; ", keyErrs)));
      }
      Tok next = lookahead(true).tok();
      if ((next == Tok.END || next == Tok.COMMA) && op != Operator.DOES_NOT_EXIST) {
        op = Operator.EXISTS;
      }
      if (op == Operator.EXISTS || op == Operator.DOES_NOT_EXIST) {
        return newRequirement(key, op, List.of());
      }
      op = parseOperator();
      List<String> values =
          switch (op) {
            case IN, NOT_IN -> parseValues();
            default -> parseExactValue();
          };
      return newRequirement(key, op, new ArrayList<>(new TreeSet<>(values)));
    }

    private Operator parseOperator() {
      Item t = consume(false);
      return switch (t.tok()) {
        case IN -> Operator.IN;
        case EQUALS -> Operator.EQUALS;
        case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
        case GREATER_THAN -> Operator.GREATER_THAN;
        case LESS_THAN -> Operator.LESS_THAN;
        case NOT_IN -> Operator.NOT_IN;
        case NOT_EQUALS -> Operator.NOT_EQUALS;
        default ->
            throw error("found '" + t.literal() + "', expected: in, notin, =, ==, !=, gt, lt");
      };
    }

    private List<String> parseValues() {
      Item t = consume(true);
      if (t.tok() != Tok.OPEN_PAR) {
        throw error("found '" + t.literal() + "' expected: '('");
      }
      Item la = lookahead(true);
      switch (la.tok()) {
        case IDENTIFIER, COMMA -> {
          List<String> s = parseIdentifiersList();
          if (consume(true).tok() != Tok.CLOSED_PAR) {
            throw error("found '" + la.literal() + "', expected: ')'");
          }
          return s;
        }
        case CLOSED_PAR -> {
          consume(true);
          return List.of("");
        }
        default -> throw error("found '" + la.literal() + "', expected: ',', ')' or identifier");
      }
    }

    private List<String> parseIdentifiersList() {
      TreeSet<String> s = new TreeSet<>();
      while (true) {
        Item t = consume(true);
        switch (t.tok()) {
          case IDENTIFIER -> {
            s.add(t.literal());
            Item t2 = lookahead(true);
            switch (t2.tok()) {
              case COMMA -> {}
              case CLOSED_PAR -> {
                return new ArrayList<>(s);
              }
              default -> throw error("found '" + t2.literal() + "', expected: ',' or ')'");
            }
          }
          case COMMA -> {
            if (s.isEmpty()) {
              s.add(""); // "(,"
            }
            Tok t2 = lookahead(true).tok();
            if (t2 == Tok.CLOSED_PAR) {
              s.add(""); // ",)"
              return new ArrayList<>(s);
            }
            if (t2 == Tok.COMMA) {
              s.add(""); // ",,"
            }
          }
          default -> throw error("found '" + t.literal() + "', expected: ',', or identifier");
        }
      }
    }

    private List<String> parseExactValue() {
      Tok la = lookahead(true).tok();
      if (la == Tok.END || la == Tok.COMMA) {
        return List.of("");
      }
      Item t = consume(true);
      if (t.tok() == Tok.IDENTIFIER) {
        return List.of(t.literal());
      }
      throw error("found '" + t.literal() + "', expected: identifier");
    }
  }
}
