package dev.kargo4j.core.verification.internal;

/** A condition could not be evaluated; the measurement becomes Error with this message. */
final class ConditionException extends Exception {
  private static final long serialVersionUID = 1L;

  ConditionException(String message) {
    super(message, null, false, false);
  }
}
