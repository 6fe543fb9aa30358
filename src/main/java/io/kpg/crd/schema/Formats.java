package io.kpg.crd.schema;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The string formats CRD schemas may use, with the checks kube-openapi's strfmt registry applies.
 * Names are compared with dashes removed, as upstream normalizes them ({@code date-time} is {@code
 * datetime}).
 */
public final class Formats {
  private Formats() {}

  private static final Pattern HOSTNAME =
      Pattern.compile(
          "^([a-zA-Z0-9\\p{S}\\p{L}]((-?[a-zA-Z0-9\\p{S}\\p{L}]{0,62})?)|([a-zA-Z0-9\\p{S}\\p{L}](([a-zA-Z0-9\\-\\p{S}\\p{L}]{0,61}[a-zA-Z0-9\\p{S}\\p{L}])?)(\\.)){1,}([a-zA-Z\\p{L}]){2,63})$");
  private static final Pattern UUID =
      Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
  private static final Pattern UUID3 =
      Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
  private static final Pattern UUID4 =
      Pattern.compile(
          "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
  private static final Pattern UUID5 =
      Pattern.compile(
          "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
  private static final Pattern TIME =
      Pattern.compile("^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$");
  private static final Pattern BASE64 =
      Pattern.compile(
          "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$");
  private static final Pattern SSN = Pattern.compile("^\\d{3}[- ]?\\d{2}[- ]?\\d{4}$");
  private static final Pattern HEXCOLOR = Pattern.compile("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");
  private static final Pattern RGBCOLOR =
      Pattern.compile(
          "^rgb\\(\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*\\)$");
  private static final Pattern CREDITCARD =
      Pattern.compile(
          "^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|(222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)[0-9]{12}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\\d{3})\\d{11}|6[27][0-9]{14})$");
  private static final Pattern ISBN10 = Pattern.compile("^(?:[0-9]{9}X|[0-9]{10})$");
  private static final Pattern ISBN13 = Pattern.compile("^(?:[0-9]{13})$");
  private static final Pattern BSON = Pattern.compile("^[0-9a-fA-F]{24}$");
  private static final Pattern DURATION_PART = Pattern.compile("((\\d+)\\s*([A-Za-zµ]+))");
  private static final Pattern GO_DURATION =
      Pattern.compile("^[-+]?(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$");
  private static final Pattern SHORT_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern LONG_NAME =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern MAC =
      Pattern.compile(
          "^([0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){5}|[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){7}|[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){19}|[0-9a-fA-F]{4}(?:\\.[0-9a-fA-F]{4}){2}|[0-9a-fA-F]{4}(?:\\.[0-9a-fA-F]{4}){3}|[0-9a-fA-F]{4}(?:\\.[0-9a-fA-F]{4}){9})$");
  private static final Pattern EMAIL_ADDR =
      Pattern.compile("^[^\\s@<>()\\[\\],;:\"]+@[^\\s@<>()\\[\\],;:\"]+$");

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private static final Map<String, Predicate<String>> CHECKS =
      Map.ofEntries(
          Map.entry("bsonobjectid", s -> BSON.matcher(s).matches()),
          Map.entry("uri", Formats::isRequestUri),
          Map.entry("email", Formats::isEmail),
          Map.entry("hostname", Formats::isHostname),
          Map.entry("ipv4", s -> Ip.parse(s) != null && s.contains(".")),
          Map.entry("ipv6", s -> Ip.parse(s) != null && s.contains(":")),
          Map.entry("cidr", Ip::isCidr),
          Map.entry("mac", s -> MAC.matcher(s).matches()),
          Map.entry("uuid", s -> UUID.matcher(s).find()),
          Map.entry("uuid3", s -> UUID3.matcher(s).find()),
          Map.entry("uuid4", s -> UUID4.matcher(s).find()),
          Map.entry("uuid5", s -> UUID5.matcher(s).find()),
          Map.entry("isbn", s -> isIsbn10(s) || isIsbn13(s)),
          Map.entry("isbn10", Formats::isIsbn10),
          Map.entry("isbn13", Formats::isIsbn13),
          Map.entry("creditcard", Formats::isCreditCard),
          Map.entry("ssn", s -> SSN.matcher(s).matches()),
          Map.entry("hexcolor", s -> HEXCOLOR.matcher(s).matches()),
          Map.entry("rgbcolor", s -> RGBCOLOR.matcher(s).matches()),
          Map.entry("byte", s -> BASE64.matcher(s).matches()),
          Map.entry("password", s -> true),
          Map.entry("date", Formats::isDate),
          Map.entry("duration", Formats::isDuration),
          Map.entry("datetime", Formats::isDateTime),
          Map.entry("k8sshortname", s -> s.length() <= 63 && SHORT_NAME.matcher(s).matches()),
          Map.entry("k8slongname", s -> s.length() <= 253 && LONG_NAME.matcher(s).matches()));

  /** Formats a CRD may use on strings (upstream's supported list, normalized). */
  static final Set<String> STRING_FORMATS = CHECKS.keySet();

  static String normalize(String format) {
    return format.replace("-", "");
  }

  /** Whether the registry knows {@code format} (after normalization). */
  static boolean known(String format) {
    return format != null && CHECKS.containsKey(normalize(format));
  }

  public static boolean valid(String format, String value) {
    Predicate<String> p = CHECKS.get(normalize(format));
    return p == null || p.test(value);
  }

  /**
   * The format upstream keeps when it converts a CRD schema for validation: unsupported formats are
   * dropped (integer keeps int32/int64, number float/double, strings the list above).
   */
  static String effective(String type, String format) {
    if (format == null || format.isEmpty()) {
      return null;
    }
    String t = type == null ? "" : type;
    return switch (t) {
      case "", "string" -> known(format) ? format : null;
      case "integer" -> format.equals("int32") || format.equals("int64") ? format : null;
      case "number" -> format.equals("float") || format.equals("double") ? format : null;
      default -> null;
    };
  }

  static boolean isDate(String s) {
    try {
      LocalDate.parse(s, DATE);
      return s.length() == 10;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static boolean isDateTime(String str) {
    if (str.length() < 4) {
      return false;
    }
    String[] parts = str.toLowerCase(Locale.ROOT).split("t", -1);
    if (parts.length < 2 || !isDate(parts[0])) {
      return false;
    }
    Matcher m = TIME.matcher(parts[1]);
    if (!m.find()) {
      return false;
    }
    return m.group(1).compareTo("23") <= 0
        && m.group(2).compareTo("59") <= 0
        && m.group(3).compareTo("59") <= 0;
  }

  static boolean isDuration(String s) {
    if (GO_DURATION.matcher(s).matches()) {
      return true;
    }
    Matcher m = DURATION_PART.matcher(s);
    boolean ok = false;
    String[][] units = {
      {"ns", "nano"},
      {"us", "µs", "micro"},
      {"ms", "milli"},
      {"s", "sec"},
      {"m", "min"},
      {"h", "hr", "hour"},
      {"d", "day"},
      {"w", "wk", "week"}
    };
    while (m.find()) {
      String unit = m.group(3).trim().toLowerCase(Locale.ROOT);
      for (String[] variants : units) {
        for (int i = 0; i < variants.length; i++) {
          boolean last = i == variants.length - 1;
          if ((last && unit.startsWith(variants[i])) || variants[i].equalsIgnoreCase(unit)) {
            ok = true;
          }
        }
      }
    }
    return ok;
  }

  static boolean isHostname(String s) {
    if (!HOSTNAME.matcher(s).matches() || s.length() > 255) {
      return false;
    }
    for (String p : s.split("\\.", -1)) {
      if (p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
        return false;
      }
    }
    return true;
  }

  /** Go's url.ParseRequestURI: an absolute URI or an absolute path, no fragment handling. */
  static boolean isRequestUri(String s) {
    if (s.isEmpty()) {
      return false;
    }
    try {
      URI u = new URI(s);
      return u.isAbsolute() || s.startsWith("/");
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static boolean isEmail(String s) {
    String addr = s.trim();
    int lt = addr.lastIndexOf('<');
    if (lt >= 0 && addr.endsWith(">")) {
      addr = addr.substring(lt + 1, addr.length() - 1);
    }
    return EMAIL_ADDR.matcher(addr).matches();
  }

  static boolean isIsbn10(String s) {
    String v = s.replaceAll("[\\s-]", "");
    if (!ISBN10.matcher(v).matches()) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (i + 1) * (v.charAt(i) - '0');
    }
    sum += v.charAt(9) == 'X' ? 100 : 10 * (v.charAt(9) - '0');
    return sum % 11 == 0;
  }

  static boolean isIsbn13(String s) {
    String v = s.replaceAll("[\\s-]", "");
    if (!ISBN13.matcher(v).matches()) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (v.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return (10 - sum % 10) % 10 == v.charAt(12) - '0';
  }

  static boolean isCreditCard(String s) {
    String v = s.replaceAll("[^0-9]", "");
    if (!CREDITCARD.matcher(v).matches()) {
      return false;
    }
    int sum = 0;
    boolean dbl = false;
    for (int i = v.length() - 1; i >= 0; i--) {
      int d = v.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** IP parsing as Go's net.ParseIP (sloppy: leading zeros allowed in IPv4). */
  static final class Ip {
    private Ip() {}

    static byte[] parse(String s) {
      if (s.contains(":")) {
        return parseV6(s);
      }
      return parseV4(s);
    }

    static byte[] parseV4(String s) {
      String[] p = s.split("\\.", -1);
      if (p.length != 4) {
        return null;
      }
      byte[] out = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) {
          return null;
        }
        int v = Integer.parseInt(p[i]);
        if (v > 255) {
          return null;
        }
        out[i] = (byte) v;
      }
      return out;
    }

    static byte[] parseV6(String s) {
      if (!s.matches("[0-9a-fA-F:.]+")) {
        return null;
      }
      int dbl = s.indexOf("::");
      if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
        return null;
      }
      String head = dbl >= 0 ? s.substring(0, dbl) : s;
      String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
      java.util.List<Integer> h = groups(head);
      java.util.List<Integer> t = groups(tail);
      if (h == null || t == null) {
        return null;
      }
      int n = h.size() + t.size();
      if ((dbl < 0 && n != 8) || (dbl >= 0 && n > 7)) {
        return null;
      }
      byte[] out = new byte[16];
      int i = 0;
      for (int g : h) {
        out[i++] = (byte) (g >> 8);
        out[i++] = (byte) g;
      }
      i = 16 - 2 * t.size();
      for (int g : t) {
        out[i++] = (byte) (g >> 8);
        out[i++] = (byte) g;
      }
      return out;
    }

    /** 16-bit groups; a trailing dotted IPv4 counts as two */
    private static java.util.List<Integer> groups(String s) {
      java.util.List<Integer> out = new java.util.ArrayList<>();
      if (s.isEmpty()) {
        return out;
      }
      String[] parts = s.split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i];
        if (p.contains(".")) {
          if (i != parts.length - 1) {
            return null;
          }
          byte[] v4 = parseV4(p);
          if (v4 == null) {
            return null;
          }
          out.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
          out.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
          continue;
        }
        if (p.isEmpty() || p.length() > 4) {
          return null;
        }
        out.add(Integer.parseInt(p, 16));
      }
      return out;
    }

    static boolean isCidr(String s) {
      int slash = s.indexOf('/');
      if (slash < 0) {
        return false;
      }
      String addr = s.substring(0, slash);
      String bits = s.substring(slash + 1);
      byte[] ip = parse(addr);
      if (ip == null
          || bits.isEmpty()
          || bits.length() > 3
          || !bits.chars().allMatch(Character::isDigit)) {
        return false;
      }
      int b = Integer.parseInt(bits);
      return b <= ip.length * 8;
    }
  }
}
