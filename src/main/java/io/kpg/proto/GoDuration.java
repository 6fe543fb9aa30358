package io.kpg.proto;

import java.math.BigDecimal;

/**
 * Go's {@code time.Duration} text form ({@code 1h2m3.5s}, {@code 300ms}), as metav1.Duration uses.
 */
public final class GoDuration {
  private GoDuration() {}

  private static final long MICRO = 1_000L;
  private static final long MILLI = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;

  /** Formats nanoseconds the way Go's {@code Duration.String} does. */
  static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    boolean neg = nanos < 0;
    // magnitude as unsigned: Long.MIN_VALUE stays representable through unsigned arithmetic
    long u = neg ? -nanos : nanos;
    StringBuilder sb = new StringBuilder();
    if (Long.compareUnsigned(u, SECOND) < 0) {
      if (u < MICRO) {
        sb.append(u).append("ns");
      } else if (u < MILLI) {
        sb.append(fraction(u, 3)).append("µs");
      } else {
        sb.append(fraction(u, 6)).append("ms");
      }
    } else {
      String secs = fraction(Long.remainderUnsigned(u, 60 * SECOND), 9);
      long minutesTotal = Long.divideUnsigned(u, 60 * SECOND);
      String out = secs + "s";
      if (minutesTotal > 0) {
        out = (minutesTotal % 60) + "m" + out;
        long hours = minutesTotal / 60;
        if (hours > 0) {
          out = hours + "h" + out;
        }
      }
      sb.append(out);
    }
    return (neg ? "-" : "") + sb;
  }

  /** {@code v / 10^digits} with the fraction's trailing zeros dropped. */
  private static String fraction(long v, int digits) {
    BigDecimal d = new BigDecimal(Long.toUnsignedString(v)).movePointLeft(digits);
    d = d.stripTrailingZeros();
    return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
  }

  /** Parses Go's duration syntax (as {@code time.ParseDuration}) into nanoseconds. */
  public static long parse(String s) {
    String orig = s;
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String num = s.substring(start, i);
      if (num.isEmpty() || num.equals(".") || num.indexOf('.') != num.lastIndexOf('.')) {
        throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
      }
      int ustart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      long unit =
          switch (s.substring(ustart, i)) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> MICRO;
            case "ms" -> MILLI;
            case "s" -> SECOND;
            case "m" -> 60 * SECOND;
            case "h" -> 3600 * SECOND;
            case "" ->
                throw new IllegalArgumentException(
                    "time: missing unit in duration \"" + orig + "\"");
            default ->
                throw new IllegalArgumentException(
                    "time: unknown unit \""
                        + s.substring(ustart, i)
                        + "\" in duration \""
                        + orig
                        + "\"");
          };
      total = total.add(new BigDecimal(num).multiply(BigDecimal.valueOf(unit)));
    }
    BigDecimal n = neg ? total.negate() : total;
    if (n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
        || n.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
      throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
    }
    return n.longValue();
  }
}
