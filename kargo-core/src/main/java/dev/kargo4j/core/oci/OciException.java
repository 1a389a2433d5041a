package dev.kargo4j.core.oci;

import dev.kargo4j.KargoException;

/**
 * A registry could not be reached, refused a request or answered with something that is not
 * valid OCI content. The message names the repository and, when there was one, the HTTP status
 * and the registry's own error code; it never contains credentials or tokens.
 *
 * <p>Thread-safe (immutable).
 */
public class OciException extends KargoException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that react to some failures (a missing tag) differently. */
  public enum Reason {
    /** The repository, tag, manifest or blob does not exist (HTTP 404). */
    NOT_FOUND,
    /** The registry requires credentials, or refused the ones given (HTTP 401). */
    UNAUTHORIZED,
    /** The credentials are valid but not allowed to read (HTTP 403). */
    DENIED,
    /** The registry's rate limit was hit (HTTP 429). */
    TOO_MANY_REQUESTS,
    /** Any other unexpected HTTP status. */
    HTTP_STATUS,
    /** The response was not valid OCI content (bad JSON, wrong digest, too large). */
    INVALID_CONTENT,
    /** The registry could not be reached (connection, TLS, timeout). */
    IO,
    /** The reference or an argument was invalid. */
    INVALID_REFERENCE
  }

  private final String repository;
  private final Reason reason;
  private final int statusCode;

  /** An invalid reference or argument. */
  public OciException(String repository, String message) {
    this(repository, Reason.INVALID_REFERENCE, 0, message, null);
  }

  /**
   * @param repository what was accessed, e.g. {@code ghcr.io/org/app}
   * @param reason the kind of failure
   * @param statusCode the HTTP status, 0 when there was no response
   * @param message what went wrong and where, without secrets
   * @param cause the underlying exception, or null
   */
  public OciException(String repository, Reason reason, int statusCode, String message, Throwable cause) {
    super(message, cause);
    this.repository = repository == null ? "" : repository;
    this.reason = reason;
    this.statusCode = statusCode;
  }

  /** The repository (or reference) that was accessed. */
  public String repository() {
    return repository;
  }

  /** The kind of failure. */
  public Reason reason() {
    return reason;
  }

  /** The HTTP status, or 0 when there was no response. */
  public int statusCode() {
    return statusCode;
  }

  /** Whether the thing asked for does not exist. */
  public boolean isNotFound() {
    return reason == Reason.NOT_FOUND;
  }
}
