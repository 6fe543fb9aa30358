package io.kpg.registry.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * String format checks with upstream's wording (apimachinery {@code pkg/util/validation} and {@code
 * pkg/api/validate/content}). Every check returns the list of problems, empty when the value is
 * fine. Lengths are counted in UTF-8 bytes, as Go's {@code len} does.
 *
 * <p>Note the two length wordings upstream uses (as of apimachinery 0.35): the DNS name checks say
 * {@code must be no more than N characters}, the label key / label value checks say {@code must be
 * no more than N bytes}.
 */
public final class NameValidation {
  private NameValidation() {}

  public static final int DNS1123_LABEL_MAX_LENGTH = 63;
  public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
  public static final int DNS1035_LABEL_MAX_LENGTH = 63;
  public static final int LABEL_VALUE_MAX_LENGTH = 63;
  public static final int QUALIFIED_NAME_MAX_LENGTH = 63;

  static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  static final String DNS1123_LABEL_ERR =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character";
  static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  static final String DNS1123_SUBDOMAIN_ERR =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character";
  static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  static final String DNS1035_LABEL_ERR =
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an"
          + " alphabetic character, and end with an alphanumeric character";
  static final String LABEL_KEY_CHAR_FMT = "[A-Za-z0-9]";
  static final String LABEL_KEY_EXT_CHAR_FMT = "[-A-Za-z0-9_.]";
  static final String LABEL_KEY_FMT =
      "(" + LABEL_KEY_CHAR_FMT + LABEL_KEY_EXT_CHAR_FMT + "*)?" + LABEL_KEY_CHAR_FMT;
  static final String LABEL_KEY_ERR =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character";
  static final String LABEL_VALUE_FMT = "(" + LABEL_KEY_FMT + ")?";
  static final String LABEL_VALUE_ERR =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character";

  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
  private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
  private static final Pattern LABEL_KEY = Pattern.compile(LABEL_KEY_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);

  /** Go's {@code len(s)}: the UTF-8 byte length. */
  static int byteLength(String s) {
    int n = s.length();
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return n;
  }

  /** Full-string match (Java's {@code matches()} is anchored like Go's {@code ^...$}). */
  private static boolean full(Pattern p, String s) {
    return p.matcher(s).matches();
  }

  /** {@code must be no more than N characters} (util/validation's wording). */
  public static String maxLenError(int length) {
    return "must be no more than " + length + " characters";
  }

  /** {@code must be no more than N bytes} (api/validate/content's wording). */
  public static String maxLenBytesError(int length) {
    return "must be no more than " + length + " bytes";
  }

  public static String emptyError() {
    return "must be non-empty";
  }

  /** Upstream's RegexError: message, examples and the regex used. */
  public static String regexError(String msg, String regex, String... examples) {
    if (examples.length == 0) {
      return msg + " (regex used for validation is '" + regex + "')";
    }
    StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        sb.append(" or ");
      }
      sb.append('\'').append(examples[i]).append("', ");
    }
    sb.append("regex used for validation is '").append(regex).append("')");
    return sb.toString();
  }

  /** A DNS (RFC 1123) label: at most 63 characters, {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}. */
  public static List<String> isDns1123Label(String value) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) {
      errs.add(maxLenError(DNS1123_LABEL_MAX_LENGTH));
    }
    if (!full(DNS1123_LABEL, value)) {
      if (full(DNS1123_SUBDOMAIN, value)) {
        // a valid subdomain that is not a label: the length was checked already, so it has dots
        errs.add("must not contain dots");
      } else {
        errs.add(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, "my-name", "123-abc"));
      }
    }
    return errs;
  }

  /** A DNS (RFC 1123) subdomain: at most 253 characters, dot-separated labels. */
  public static List<String> isDns1123Subdomain(String value) {
    return subdomain(value, maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  }

  private static List<String> subdomain(String value, String tooLong) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
      errs.add(tooLong);
    }
    if (!full(DNS1123_SUBDOMAIN, value)) {
      errs.add(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  /** A DNS (RFC 1035) label: starts with a letter. */
  public static List<String> isDns1035Label(String value) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) {
      errs.add(maxLenError(DNS1035_LABEL_MAX_LENGTH));
    }
    if (!full(DNS1035_LABEL, value)) {
      errs.add(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, "my-name", "abc-123"));
    }
    return errs;
  }

  /**
   * A "qualified name" (label key): an optional DNS subdomain prefix and {@code /}, then a name of
   * at most 63 bytes of alphanumerics, {@code -}, {@code _} and {@code .} starting and ending with
   * an alphanumeric.
   */
  public static List<String> isQualifiedName(String value) {
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errs.add("prefix part " + emptyError());
      } else {
        for (String m : subdomain(prefix, maxLenBytesError(DNS1123_SUBDOMAIN_MAX_LENGTH))) {
          errs.add("prefix part " + m);
        }
      }
    } else {
      errs.add(
          "a valid label key "
              + regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, "MyName", "my.name", "123-abc")
              + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    }
    if (name.isEmpty()) {
      errs.add("name part " + emptyError());
    } else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) {
      errs.add("name part " + maxLenBytesError(QUALIFIED_NAME_MAX_LENGTH));
    }
    if (!full(LABEL_KEY, name)) {
      errs.add(
          "name part " + regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  /** A label value: empty, or at most 63 bytes shaped like a label key's name part. */
  public static List<String> isValidLabelValue(String value) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) {
      errs.add(maxLenBytesError(LABEL_VALUE_MAX_LENGTH));
    }
    if (!full(LABEL_VALUE, value)) {
      errs.add(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  /**
   * A name usable as one URL path segment: not {@code .} or {@code ..}, no {@code /} or {@code %}.
   * Like upstream, neither emptiness nor length is checked.
   */
  public static List<String> isValidPathSegmentName(String name) {
    if (name.equals(".") || name.equals("..")) {
      List<String> errs = new ArrayList<>();
      errs.add("may not be '" + name + "'");
      return errs;
    }
    return isValidPathSegmentPrefix(name);
  }

  /** A prefix of a path segment name (generateName): no {@code /} or {@code %}. */
  public static List<String> isValidPathSegmentPrefix(String name) {
    List<String> errs = new ArrayList<>();
    if (name.contains("/")) {
      errs.add("may not contain '/'");
    }
    if (name.contains("%")) {
      errs.add("may not contain '%'");
    }
    return errs;
  }

  /**
   * Upstream's maskTrailingDash, used when a name is a generateName prefix: a trailing dash (of a
   * name longer than one character) is replaced so that the prefix validates as a name. Like
   * upstream, the character before the dash is dropped as well.
   */
  public static String maskTrailingDash(String name) {
    if (name.length() > 1 && name.endsWith("-")) {
      return name.substring(0, name.length() - 2) + "a";
    }
    return name;
  }

  /** Upstream's NameIsDNSSubdomain (prefix: the value is a generateName). */
  public static List<String> nameIsDnsSubdomain(String name, boolean prefix) {
    return isDns1123Subdomain(prefix ? maskTrailingDash(name) : name);
  }

  /** Upstream's NameIsDNSLabel, also used for namespace names. */
  public static List<String> nameIsDnsLabel(String name, boolean prefix) {
    return isDns1123Label(prefix ? maskTrailingDash(name) : name);
  }

  /** Upstream's NameIsDNS1035Label. */
  public static List<String> nameIsDns1035Label(String name, boolean prefix) {
    return isDns1035Label(prefix ? maskTrailingDash(name) : name);
  }
}
