package dev.kargo4j.core.spi;

import dev.kargo4j.KargoException;

/**
 * A {@link Store} operation failed. Subclasses name the precise failure; this class itself is
 * used for I/O failures and misuse (an object without a Project, a store that is closed or in
 * use by another process).
 *
 * <p>Immutable and thread-safe.
 */
public class StoreException extends KargoException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
