package dev.kargo4j.core.spi;

import dev.kargo4j.core.model.HealthState;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one health check.
 *
 * @param status never null
 * @param issues human-readable problems, empty when healthy
 * @param output JSON-like details (e.g. each Argo CD Application's health and sync status)
 */
public record HealthResult(HealthState status, List<String> issues, Map<String, Object> output) {
  public HealthResult {
    Objects.requireNonNull(status, "status");
    issues = List.copyOf(issues == null ? List.of() : issues);
    output = JsonTree.copyOf(output == null ? Map.of() : output);
  }

  /** A result with {@code status}, the given issues and no output. */
  public static HealthResult of(HealthState status, String... issues) {
    return new HealthResult(status, List.of(issues), Map.of());
  }
}
