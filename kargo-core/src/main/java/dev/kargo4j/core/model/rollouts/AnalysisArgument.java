package dev.kargo4j.core.model.rollouts;

import static dev.kargo4j.core.model.internal.Checks.required;

import dev.kargo4j.core.model.internal.JsonTrees;
import java.util.Map;

/**
 * An argument an AnalysisTemplate declares: {@code name}, a default {@code value} (null when
 * none, so the Stage must supply it) and {@code valueFrom} (a JSON-like
 * {@code secretKeyRef}/{@code fieldRef} object, empty when absent).
 *
 * <p>Immutable and thread-safe.
 */
public record AnalysisArgument(String name, String value, Map<String, Object> valueFrom) {
  /** Validates. */
  public AnalysisArgument {
    required("name", name);
    valueFrom = JsonTrees.object("valueFrom", valueFrom);
  }
}
