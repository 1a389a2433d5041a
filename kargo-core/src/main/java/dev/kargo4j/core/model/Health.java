package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;

import dev.kargo4j.core.model.internal.JsonTrees;
import java.util.List;

/**
 * A Stage's {@code health}: {@code status} (null when not assessed), {@code issues}, and the
 * JSON-like {@code config} and {@code output} of the health checks (null when absent).
 *
 * <p>Immutable and thread-safe.
 */
public record Health(HealthState status, List<String> issues, Object config, Object output) {
  /** Copies. */
  public Health {
    issues = list("issues", issues);
    config = JsonTrees.copy("config", config);
    output = JsonTrees.copy("output", output);
  }
}
