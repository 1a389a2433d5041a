package dev.kargo4j.core.engine.internal;

import dev.kargo4j.KargoException;

/** The step's vars or config could not be rendered; the step is Errored without running. */
public final class ContextBuildException extends KargoException {
  private static final long serialVersionUID = 1L;

  public ContextBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
