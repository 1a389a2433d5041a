package dev.kargo4j.core.spi;

/**
 * A persistent store holds an object it cannot read (a damaged or foreign file); it is
 * reported by name, never skipped. {@link #location()} names the file or key.
 *
 * <p>Immutable and thread-safe.
 */
public class CorruptStoreException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String location;

  /**
   * @param location the file or key that cannot be read
   * @param problem what is wrong with it
   */
  public CorruptStoreException(String location, String problem, Throwable cause) {
    super("store object " + location + " cannot be read: " + problem, cause);
    this.location = location;
  }

  /** The file or key that cannot be read. */
  public String location() {
    return location;
  }
}
