package dev.kargo4j.core.spi;

/**
 * A {@link Store} create found an object of that kind and name in the Project.
 *
 * <p>Immutable and thread-safe.
 */
public class ObjectAlreadyExistsException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String object;

  /** @param object the object, e.g. {@code Promotion demo/dev.01h...} */
  public ObjectAlreadyExistsException(String object) {
    super(object + " already exists");
    this.object = object;
  }

  /** The object, e.g. {@code Promotion demo/dev.01h...}. */
  public String object() {
    return object;
  }
}
