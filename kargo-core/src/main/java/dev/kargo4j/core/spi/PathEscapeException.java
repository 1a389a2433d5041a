package dev.kargo4j.core.spi;

/** A path from a step's config that would leave the promotion's work directory. */
public class PathEscapeException extends InvalidConfigException {
  private static final long serialVersionUID = 1L;

  public PathEscapeException(String message) {
    super(message);
  }
}
