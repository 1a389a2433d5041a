package dev.kargo4j.core.spi;

/**
 * A write carried a resourceVersion that is no longer the stored one: someone else changed the
 * object since it was read. Re-read and retry. The message names the object and both versions.
 *
 * <p>Immutable and thread-safe.
 */
public class StaleVersionException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String object;
  private final String expectedVersion;
  private final String actualVersion;

  /**
   * @param object the object, e.g. {@code Freight demo/abc123}
   * @param expectedVersion the version the write carried ("" for none)
   * @param actualVersion the stored version ("" when nothing is stored)
   */
  public StaleVersionException(String object, String expectedVersion, String actualVersion) {
    super(object + ": stale write: it carries resourceVersion "
        + (expectedVersion.isEmpty() ? "(none)" : expectedVersion)
        + " but the stored object is at "
        + (actualVersion.isEmpty() ? "(none)" : actualVersion)
        + "; re-read it and retry");
    this.object = object;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /** The object, e.g. {@code Freight demo/abc123}. */
  public String object() {
    return object;
  }

  /** The version the write carried; empty for none. */
  public String expectedVersion() {
    return expectedVersion;
  }

  /** The stored version. */
  public String actualVersion() {
    return actualVersion;
  }
}
