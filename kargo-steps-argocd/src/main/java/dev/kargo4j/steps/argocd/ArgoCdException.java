package dev.kargo4j.steps.argocd;

import dev.kargo4j.KargoException;

/**
 * Argo CD (or the Kubernetes API in front of it) could not be reached, refused a request, or
 * reported an Application that a step cannot work with: not found, not authorized for the
 * Stage, incompatible with the requested source updates, or a failed sync operation. Not
 * terminal: the engine counts it against the step's {@code retry.errorThreshold}.
 *
 * <p>Messages name the Application and namespace and never contain a token.
 */
public class ArgoCdException extends KargoException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  /** A failure that did not come from an HTTP response. */
  public ArgoCdException(String message) {
    this(message, 0, null);
  }

  /** A failure with a cause that did not come from an HTTP response. */
  public ArgoCdException(String message, Throwable cause) {
    this(message, 0, cause);
  }

  /** A failure reported by an HTTP response with {@code statusCode}. */
  public ArgoCdException(String message, int statusCode, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
  }

  /** The HTTP status code of the refusing response, or 0 when there was none. */
  public int statusCode() {
    return statusCode;
  }
}
