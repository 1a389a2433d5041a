package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.str;

/**
 * A promotion policy's {@code stageSelector}: {@code name} (an exact name, or a
 * {@code regex:}/{@code regexp:} or {@code glob:} pattern; empty matches all) ANDed with the
 * inline label selector ({@code matchLabels}/{@code matchExpressions}; null when absent).
 *
 * <p>Immutable and thread-safe.
 */
public record StageSelector(String name, LabelSelector labelSelector) {
  /** Null name becomes empty. */
  public StageSelector {
    name = str(name);
  }
}
