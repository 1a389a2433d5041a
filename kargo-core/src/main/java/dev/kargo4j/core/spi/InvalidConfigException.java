package dev.kargo4j.core.spi;

/**
 * A step's configuration is invalid: a missing or unknown field, a wrong type, a value out of
 * range, or a rule such as exactly-one broken. The message names the field path and what is
 * allowed. Terminal: the step is Failed and not retried.
 */
public class InvalidConfigException extends TerminalStepException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String message) {
    super(message);
  }

  public InvalidConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
