package dev.kargo4j;

/**
 * The one root of every failure a user of kargo4j can cause: bad manifests, bad step
 * configuration, bad expressions, failed steps. The message says what was wrong, where
 * (file:line, step alias or field path) and what is allowed. Messages never contain secret
 * values.
 *
 * <p>It lives in the lowest module (kargo-expr, JDK only) so that every module can extend it.
 */
public class KargoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KargoException(String message) {
    super(message);
  }

  public KargoException(String message, Throwable cause) {
    super(message, cause);
  }
}
