package dev.kargo4j.steps.git.spi;

import dev.kargo4j.KargoException;

/**
 * A git hosting service refused or failed a request: the message names the operation, the
 * repository, the HTTP status and the service's own explanation, never the token.
 */
public class GitProviderException extends KargoException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** A failure with HTTP status {@code status} (0 when no response was received). */
  public GitProviderException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** A failure without an HTTP response. */
  public GitProviderException(String message) {
    this(message, 0);
  }

  /** The HTTP status of the response, or 0 when there was none. */
  public int status() {
    return status;
  }
}
