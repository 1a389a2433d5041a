package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.map;

import java.util.Map;

/**
 * Extra {@code labels} and {@code annotations} for the verification runs of a Stage.
 *
 * <p>Immutable and thread-safe.
 */
public record AnalysisRunMetadata(Map<String, String> labels, Map<String, String> annotations) {
  /** Copies. */
  public AnalysisRunMetadata {
    labels = map("labels", labels);
    annotations = map("annotations", annotations);
  }
}
