package dev.kargo4j.steps.kustomize;

import dev.kargo4j.KargoException;

/**
 * A kustomize step could not do its work: no (or more than one) Kustomization file in
 * {@code path}, a Kustomization that is not valid YAML or whose {@code images} field is not a
 * list of mappings, an ambiguous image in automatic mode, or a build that failed. The message
 * names the file (relative to the work directory, with line and column where known) and what
 * is allowed.
 *
 * <p>As in Kargo, these failures make the step Errored (a plain error, counted against
 * {@code retry.errorThreshold}), not Failed; invalid configuration is an
 * {@link dev.kargo4j.core.spi.InvalidConfigException} instead.
 */
public class KustomizeException extends KargoException {
  private static final long serialVersionUID = 1L;

  public KustomizeException(String message) {
    super(message);
  }

  public KustomizeException(String message, Throwable cause) {
    super(message, cause);
  }
}
