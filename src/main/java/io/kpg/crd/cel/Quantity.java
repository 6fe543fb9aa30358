package io.kpg.crd.cel;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity (e.g. "500m", "1Gi", "1e3") as CEL's kubernetes.Quantity: exact
 * decimal value, equal when the amounts are equal.
 */
final class Quantity implements Comparable<Quantity> {

  private static final Pattern SYNTAX =
      Pattern.compile(
          "^([+-]?)([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$");

  static final String SYNTAX_ERROR =
      "quantities must match the regular expression"
          + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  final BigDecimal value;
  private final String text;

  private Quantity(BigDecimal value, String text) {
    this.value = value;
    this.text = text;
  }

  static Quantity of(BigDecimal value) {
    return new Quantity(value, value.stripTrailingZeros().toPlainString());
  }

  /** Parses a quantity, or throws IllegalArgumentException with upstream's message. */
  static Quantity parse(String s) {
    Matcher m = SYNTAX.matcher(s == null ? "" : s);
    if (!m.matches()) {
      throw new IllegalArgumentException(SYNTAX_ERROR);
    }
    BigDecimal v = new BigDecimal(m.group(2).endsWith(".") ? m.group(2) + "0" : m.group(2));
    if (m.group(1).equals("-")) {
      v = v.negate();
    }
    String suffix = m.group(3);
    if (suffix != null) {
      v =
          switch (suffix) {
            case "Ki" -> v.multiply(BigDecimal.valueOf(1L << 10));
            case "Mi" -> v.multiply(BigDecimal.valueOf(1L << 20));
            case "Gi" -> v.multiply(BigDecimal.valueOf(1L << 30));
            case "Ti" -> v.multiply(BigDecimal.valueOf(1L << 40));
            case "Pi" -> v.multiply(BigDecimal.valueOf(1L << 50));
            case "Ei" -> v.multiply(BigDecimal.valueOf(1L << 60));
            case "n" -> v.scaleByPowerOfTen(-9);
            case "u" -> v.scaleByPowerOfTen(-6);
            case "m" -> v.scaleByPowerOfTen(-3);
            case "k" -> v.scaleByPowerOfTen(3);
            case "M" -> v.scaleByPowerOfTen(6);
            case "G" -> v.scaleByPowerOfTen(9);
            case "T" -> v.scaleByPowerOfTen(12);
            case "P" -> v.scaleByPowerOfTen(15);
            case "E" -> v.scaleByPowerOfTen(18);
            default -> v.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
          };
    }
    return new Quantity(v, s);
  }

  static boolean isValid(String s) {
    try {
      parse(s);
      return true;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false;
    }
  }

  long sign() {
    return value.signum();
  }

  boolean isInteger() {
    if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
      return value.abs().compareTo(new BigDecimal(Long.MAX_VALUE)) <= 0;
    }
    return false;
  }

  long asInteger() {
    if (!isInteger()) {
      throw new IllegalArgumentException(
          "cannot convert value to integer: value is not an integer or overflows int64");
    }
    return value.longValueExact();
  }

  double asApproximateFloat() {
    return value.doubleValue();
  }

  Quantity add(Quantity o) {
    return of(value.add(o.value));
  }

  Quantity sub(Quantity o) {
    return of(value.subtract(o.value));
  }

  @Override
  public int compareTo(Quantity o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && value.compareTo(q.value) == 0;
  }

  @Override
  public int hashCode() {
    BigDecimal s = value.stripTrailingZeros();
    return s.signum() == 0 ? 0 : s.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
