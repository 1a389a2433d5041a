package dev.kargo4j.core.model.rollouts;

import dev.kargo4j.core.model.InvalidModelException;

/**
 * Kubernetes' {@code intstr.IntOrString}: either an integer or a string (often an
 * {@code {{args.x}}} placeholder). Exactly one of {@link #intValue()} (when
 * {@link #isInt()}) and {@link #stringValue()} is meaningful.
 *
 * <p>Immutable and thread-safe.
 */
public record IntOrString(boolean isInt, long intValue, String stringValue) {
  /** Validates. */
  public IntOrString {
    if (isInt && stringValue != null) {
      throw new InvalidModelException("", "an integer IntOrString has no string value");
    }
    if (!isInt && stringValue == null) {
      throw new InvalidModelException("", "a string IntOrString needs a string value");
    }
  }

  /** An integer. */
  public static IntOrString of(long value) {
    return new IntOrString(true, value, null);
  }

  /** A string. */
  public static IntOrString of(String value) {
    return new IntOrString(false, 0, value);
  }

  /**
   * The integer value, parsing a numeric string.
   *
   * @throws InvalidModelException when the string is not an integer
   */
  public long asLong() {
    if (isInt) {
      return intValue;
    }
    try {
      return Long.parseLong(stringValue.trim());
    } catch (NumberFormatException e) {
      throw new InvalidModelException("", "\"" + stringValue + "\" is not an integer");
    }
  }

  @Override
  public String toString() {
    return isInt ? Long.toString(intValue) : stringValue;
  }
}
