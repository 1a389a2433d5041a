package dev.kargo4j.core.semver;

import dev.kargo4j.KargoException;

/**
 * A text is not a semantic version, or not a version constraint, in the dialect of
 * Masterminds/semver v3 that Kargo uses. {@link #input()} is the offending text.
 *
 * <p>Thread-safe (immutable).
 */
public class InvalidSemVerException extends KargoException {
  private static final long serialVersionUID = 1L;

  private final String input;

  /**
   * @param input the text that failed to parse
   * @param message what is wrong and what is allowed
   */
  public InvalidSemVerException(String input, String message) {
    super(message);
    this.input = input == null ? "" : input;
  }

  /** The text that failed to parse. */
  public String input() {
    return input;
  }
}
