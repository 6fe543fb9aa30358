package io.kpg.selector;

import io.kpg.errors.Errors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A field selector with upstream's semantics (apimachinery {@code pkg/fields/selector.go}): terms
 * {@code field=value}, {@code field==value} and {@code field!=value} joined by commas (AND); in a
 * value {@code \\}, {@code \,} and {@code \=} escape those characters. No whitespace is trimmed.
 * Field names are not checked here: which fields a resource supports is the caller's business.
 */
public final class FieldSelector {

  public enum Operator {
    EQUALS("="),
    NOT_EQUALS("!=");

    public final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }
  }

  /** One term; {@code ==} is reported as EQUALS, as upstream does. */
  public record Requirement(String field, Operator op, String value) {
    public boolean matches(Function<String, String> fieldValue) {
      String v = fieldValue.apply(field);
      if (v == null) {
        v = "";
      }
      return op == Operator.EQUALS ? v.equals(value) : !v.equals(value);
    }

    @Override
    public String toString() {
      return field + op.symbol + escapeValue(value);
    }
  }

  private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  public static FieldSelector everything() {
    return EVERYTHING;
  }

  /** Selector from explicit requirements, in the given order. */
  public static FieldSelector of(List<Requirement> requirements) {
    return requirements.isEmpty() ? EVERYTHING : new FieldSelector(List.copyOf(requirements));
  }

  /** The terms, sorted by their text as upstream sorts them while parsing. */
  public List<Requirement> requirements() {
    return requirements;
  }

  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /**
   * Whether an object's fields satisfy every term; {@code fieldValue} gives a field's value (null
   * is read as "", as upstream's Fields.Get does for a missing field).
   */
  public boolean matches(Function<String, String> fieldValue) {
    for (Requirement r : requirements) {
      if (!r.matches(fieldValue)) {
        return false;
      }
    }
    return true;
  }

  /** The value an equality term requires for the field (first such term), as upstream. */
  public Optional<String> requiresExactMatch(String field) {
    for (Requirement r : requirements) {
      if (r.op() == Operator.EQUALS && r.field().equals(field)) {
        return Optional.of(r.value());
      }
    }
    return Optional.empty();
  }

  /** Canonical text: terms joined by commas, values escaped. */
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
    return o instanceof FieldSelector s && s.requirements.equals(requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode();
  }

  /** Escapes {@code \}, {@code ,} and {@code =} in a value. */
  public static String escapeValue(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == ',' || c == '=') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Reverses {@link #escapeValue}; a bad escape or an unescaped , or = is a 400 BadRequest. */
  public static String unescapeValue(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf(',') < 0 && s.indexOf('=') < 0) {
      return s;
    }
    StringBuilder v = new StringBuilder(s.length());
    boolean inSlash = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (inSlash) {
        if (c == '\\' || c == ',' || c == '=') {
          v.appendCodePoint(c);
        } else {
          throw Errors.badRequest(
              "invalid field selector: invalid escape sequence: "
                  + "\\"
                  + new String(Character.toChars(c)));
        }
        inSlash = false;
        continue;
      }
      if (c == '\\') {
        inSlash = true;
      } else if (c == ',' || c == '=') {
        // upstream prints the rune with %v, i.e. its number
        throw Errors.badRequest("invalid field selector: unescaped character in value: " + c);
      } else {
        v.appendCodePoint(c);
      }
    }
    if (inSlash) {
      throw Errors.badRequest("invalid field selector: invalid escape sequence: \\");
    }
    return v.toString();
  }

  private static List<String> splitTerms(String selector) {
    List<String> terms = new ArrayList<>();
    if (selector.isEmpty()) {
      return terms;
    }
    int start = 0;
    boolean inSlash = false;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (inSlash) {
        inSlash = false;
      } else if (c == '\\') {
        inSlash = true;
      } else if (c == ',') {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms;
  }

  /**
   * Parses the {@code fieldSelector} query syntax; the empty string selects everything. Malformed
   * input throws a 400 BadRequest with upstream's message.
   */
  public static FieldSelector parse(String selector) {
    if (selector == null) {
      return EVERYTHING;
    }
    List<String> parts = splitTerms(selector);
    // Go sorts by bytes; UTF-16 order differs only for supplementary characters
    Collections.sort(parts);
    List<Requirement> reqs = new ArrayList<>();
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      Requirement r = splitTerm(part);
      if (r == null) {
        throw Errors.badRequest(
            "invalid selector: '" + selector + "'; can't understand '" + part + "'");
      }
      reqs.add(r);
    }
    return of(reqs);
  }

  private static Requirement splitTerm(String term) {
    for (int i = 0; i < term.length(); i++) {
      if (term.startsWith("!=", i)) {
        return new Requirement(
            term.substring(0, i), Operator.NOT_EQUALS, unescapeValue(term.substring(i + 2)));
      }
      if (term.startsWith("==", i)) {
        return new Requirement(
            term.substring(0, i), Operator.EQUALS, unescapeValue(term.substring(i + 2)));
      }
      if (term.startsWith("=", i)) {
        return new Requirement(
            term.substring(0, i), Operator.EQUALS, unescapeValue(term.substring(i + 1)));
      }
    }
    return null;
  }
}
