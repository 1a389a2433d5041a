package dev.kargo4j.core.spi;

/**
 * A {@link Store} update or delete named an object that is not stored.
 *
 * <p>Immutable and thread-safe.
 */
public class ObjectNotFoundException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String object;

  /** @param object the object, e.g. {@code Freight demo/abc123} */
  public ObjectNotFoundException(String object) {
    super(object + " does not exist");
    this.object = object;
  }

  /** The object, e.g. {@code Freight demo/abc123}. */
  public String object() {
    return object;
  }
}
