package io.kpg.crd.cel;

import java.math.BigDecimal;

/**
 * A Kubernetes resource quantity (e.g. "500m", "1Gi", "1e3") as CEL's kubernetes.Quantity: exact
 * decimal value, equal when the amounts are equal.
 */
final class Quantity implements Comparable<Quantity> {

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
    BigDecimal v = io.kpg.kinds.core.RestKinds.quantity(s);
    if (v == null) {
      throw new IllegalArgumentException(SYNTAX_ERROR);
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
