package io.kpg.crd.cel;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's time.ParseDuration syntax ("1h30m", "-1.5s", "300ms"), as format: duration data uses. */
final class GoDuration {

  private static final Pattern PART =
      Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

  private GoDuration() {}

  /** The duration, or null when the text is not a Go duration. */
  static Duration parse(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    boolean neg = false;
    String rest = s;
    if (rest.charAt(0) == '-' || rest.charAt(0) == '+') {
      neg = rest.charAt(0) == '-';
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return Duration.ZERO;
    }
    if (rest.isEmpty()) {
      return null;
    }
    Matcher m = PART.matcher(rest);
    BigDecimal nanos = BigDecimal.ZERO;
    int pos = 0;
    while (pos < rest.length()) {
      if (!m.find(pos) || m.start() != pos || m.group(1).isEmpty() || m.group(1).equals(".")) {
        return null;
      }
      BigDecimal v = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
      long unit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos = nanos.add(v.multiply(BigDecimal.valueOf(unit)));
      pos = m.end();
    }
    long n = nanos.longValue();
    return Duration.ofNanos(neg ? -n : n);
  }
}
