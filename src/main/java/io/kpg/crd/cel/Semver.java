package io.kpg.crd.cel;

import io.kpg.json.GoStrings;
import java.util.ArrayList;
import java.util.List;

/**
 * A semantic version as the Kubernetes CEL semver library holds it (blang/semver v4: strict
 * parsing, build metadata ignored by comparison and equality). Parse errors carry that library's
 * wording.
 */
final class Semver implements Comparable<Semver> {

  private static final String ALPHANUM =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789";

  /** A parse failure, its message in blang/semver's words. */
  static final class ParseError extends Exception {
    ParseError(String message) {
      super(message, null, false, false);
    }
  }

  /** One dot-separated pre-release identifier: numeric or alphanumeric. */
  private record Pre(String text, long number, boolean numeric) {}

  /** Major, minor and patch are unsigned 64-bit values, as in Go. */
  final long major;

  final long minor;
  final long patch;
  private final List<Pre> pre;

  private Semver(long major, long minor, long patch, List<Pre> pre) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.pre = pre;
  }

  /** Strict semver 2.0 parsing. */
  static Semver parse(String s) throws ParseError {
    if (s.isEmpty()) {
      throw new ParseError("Version string empty");
    }
    String[] parts = s.split("\\.", 3);
    if (parts.length != 3) {
      throw new ParseError("No Major.Minor.Patch elements found");
    }
    long major = number(parts[0], "major", "Major");
    long minor = number(parts[1], "minor", "Minor");
    String patchStr = parts[2];
    List<String> build = List.of();
    int plus = patchStr.indexOf('+');
    if (plus >= 0) {
      build = List.of(patchStr.substring(plus + 1).split("\\.", -1));
      patchStr = patchStr.substring(0, plus);
    }
    List<String> preParts = List.of();
    int dash = patchStr.indexOf('-');
    if (dash >= 0) {
      preParts = List.of(patchStr.substring(dash + 1).split("\\.", -1));
      patchStr = patchStr.substring(0, dash);
    }
    long patch = number(patchStr, "patch", "Patch");
    List<Pre> pre = new ArrayList<>();
    for (String p : preParts) {
      if (p.isEmpty()) {
        throw new ParseError("Prerelease is empty");
      }
      if (only(p, "0123456789")) {
        if (p.length() > 1 && p.charAt(0) == '0') {
          throw new ParseError(
              "Numeric PreRelease version must not contain leading zeroes " + GoStrings.quote(p));
        }
        pre.add(new Pre(p, unsigned(p), true));
      } else if (only(p, ALPHANUM)) {
        pre.add(new Pre(p, 0, false));
      } else {
        throw new ParseError("Invalid character(s) found in prerelease " + GoStrings.quote(p));
      }
    }
    for (String b : build) {
      if (b.isEmpty()) {
        throw new ParseError("Build meta data is empty");
      }
      if (!only(b, ALPHANUM)) {
        throw new ParseError("Invalid character(s) found in build meta data " + GoStrings.quote(b));
      }
    }
    return new Semver(major, minor, patch, List.copyOf(pre));
  }

  /**
   * The library's normalizing parse: a leading {@code v} dropped, leading zeros of the first three
   * dot-separated parts removed, a missing minor or patch taken as 0 (unless the last part given
   * carries pre-release or build data). Unlike blang's ParseTolerant, spaces are not trimmed.
   */
  static Semver parseNormalized(String s) throws ParseError {
    if (s.startsWith("v")) {
      s = s.substring(1);
    }
    List<String> parts = new ArrayList<>(List.of(s.split("\\.", 3)));
    for (int i = 0; i < parts.size(); i++) {
      String p = parts.get(i);
      if (p.length() > 1) {
        int z = 0;
        while (z < p.length() && p.charAt(z) == '0') {
          z++;
        }
        p = p.substring(z);
        if (p.isEmpty() || p.charAt(0) < '0' || p.charAt(0) > '9') {
          p = "0" + p;
        }
        parts.set(i, p);
      }
    }
    if (parts.size() < 3) {
      String last = parts.get(parts.size() - 1);
      if (last.indexOf('+') >= 0 || last.indexOf('-') >= 0) {
        throw new ParseError("short version cannot contain PreRelease/Build meta data");
      }
      while (parts.size() < 3) {
        parts.add("0");
      }
    }
    return parse(String.join(".", parts));
  }

  private static long number(String s, String lower, String upper) throws ParseError {
    if (!only(s, "0123456789")) {
      throw new ParseError(
          "Invalid character(s) found in " + lower + " number " + GoStrings.quote(s));
    }
    if (s.length() > 1 && s.charAt(0) == '0') {
      throw new ParseError(upper + " number must not contain leading zeroes " + GoStrings.quote(s));
    }
    return unsigned(s);
  }

  /** strconv.ParseUint(s, 10, 64) on a string of ASCII digits (possibly empty). */
  private static long unsigned(String s) throws ParseError {
    if (s.isEmpty()) {
      throw new ParseError("strconv.ParseUint: parsing \"\": invalid syntax");
    }
    try {
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw new ParseError(
          "strconv.ParseUint: parsing " + GoStrings.quote(s) + ": value out of range");
    }
  }

  private static boolean only(String s, String set) {
    for (int i = 0; i < s.length(); i++) {
      if (set.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(Semver o) {
    int c = Long.compareUnsigned(major, o.major);
    if (c == 0) {
      c = Long.compareUnsigned(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compareUnsigned(patch, o.patch);
    }
    if (c != 0) {
      return Integer.signum(c);
    }
    if (pre.isEmpty() || o.pre.isEmpty()) {
      // a release sorts after its pre-releases
      return Boolean.compare(pre.isEmpty(), o.pre.isEmpty());
    }
    for (int i = 0; i < pre.size() && i < o.pre.size(); i++) {
      Pre a = pre.get(i);
      Pre b = o.pre.get(i);
      int d;
      if (a.numeric != b.numeric) {
        d = a.numeric ? -1 : 1;
      } else if (a.numeric) {
        d = Long.compareUnsigned(a.number, b.number);
      } else {
        d = a.text.compareTo(b.text);
      }
      if (d != 0) {
        return Integer.signum(d);
      }
    }
    return Integer.compare(pre.size(), o.pre.size());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Semver s && compareTo(s) == 0;
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(major) * 31 + Long.hashCode(minor);
    h = h * 31 + Long.hashCode(patch);
    for (Pre p : pre) {
      h = h * 31 + (p.numeric ? Long.hashCode(p.number) : p.text.hashCode());
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder()
            .append(Long.toUnsignedString(major))
            .append('.')
            .append(Long.toUnsignedString(minor))
            .append('.')
            .append(Long.toUnsignedString(patch));
    for (int i = 0; i < pre.size(); i++) {
      sb.append(i == 0 ? '-' : '.').append(pre.get(i).text);
    }
    return sb.toString();
  }
}
