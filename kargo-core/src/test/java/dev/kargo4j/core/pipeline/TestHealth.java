package dev.kargo4j.core.pipeline;

import dev.kargo4j.core.spi.HealthCheckContext;
import dev.kargo4j.core.spi.HealthChecker;
import dev.kargo4j.core.spi.HealthResult;
import dev.kargo4j.core.spi.HealthStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health checker of the pipeline tests ({@code test-health}): a check's config names a
 * {@code target}; its status is whatever the test set for that target (Healthy by default).
 */
final class TestHealth implements HealthChecker {
  final Map<String, HealthStatus> status = new ConcurrentHashMap<>();

  @Override
  public String kind() {
    return "test-health";
  }

  @Override
  public HealthResult check(HealthCheckContext context) {
    String target = String.valueOf(context.config().get("target"));
    HealthStatus s = status.getOrDefault(target, HealthStatus.HEALTHY);
    List<String> issues = s == HealthStatus.HEALTHY ? List.of() : List.of(target + " is " + s.label());
    return new HealthResult(s, issues, Map.of("target", target, "status", s.label()));
  }
}
