package dev.kargo4j.core.spi;

import dev.kargo4j.KargoException;

/**
 * Thrown by a {@link StepRunner} for a failure that retrying cannot fix (Kargo's
 * {@code TerminalError}): the step ends at once as Failed, whatever its
 * {@code retry.errorThreshold}. Any other exception from a runner is a retryable error.
 */
public class TerminalStepException extends KargoException {
  private static final long serialVersionUID = 1L;

  public TerminalStepException(String message) {
    super(message);
  }

  public TerminalStepException(String message, Throwable cause) {
    super(message, cause);
  }
}
