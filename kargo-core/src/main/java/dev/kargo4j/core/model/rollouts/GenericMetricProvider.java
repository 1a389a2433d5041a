package dev.kargo4j.core.model.rollouts;

import static dev.kargo4j.core.model.internal.Checks.required;

import dev.kargo4j.core.model.internal.JsonTrees;

/**
 * A metric provider other than {@code web} ({@code prometheus}, {@code datadog},
 * {@code job}, {@code plugin}, ...): its {@code type} key and the JSON-like {@code config}
 * under it.
 *
 * <p>Immutable and thread-safe.
 */
public record GenericMetricProvider(String type, Object config) implements MetricProvider {
  /** Validates and copies. */
  public GenericMetricProvider {
    required("type", type);
    config = JsonTrees.copy(type, config);
  }
}
