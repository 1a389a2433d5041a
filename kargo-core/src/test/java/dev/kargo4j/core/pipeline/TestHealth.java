package dev.kargo4j.core.pipeline;

import dev.kargo4j.core.spi.HealthCheckContext;
import dev.kargo4j.core.spi.HealthChecker;
import dev.kargo4j.core.spi.HealthResult;
import dev.kargo4j.core.model.HealthState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health checker of the pipeline tests ({@code test-health}): a check's config names a
 * {@code target}; its status is whatever the test set for that target (Healthy by default).
 */
final class TestHealth implements HealthChecker {
  final Map<String, HealthState> status = new ConcurrentHashMap<>();
  volatile Runnable hook = () -> {};

  @Override
  public String kind() {
    return "test-health";
  }

  @Override
  public HealthResult check(HealthCheckContext context) {
    hook.run();
    String target = String.valueOf(context.config().get("target"));
    HealthState s = status.getOrDefault(target, HealthState.HEALTHY);
    List<String> issues = s == HealthState.HEALTHY ? List.of() : List.of(target + " is " + s.wireName());
    return new HealthResult(s, issues, Map.of("target", target, "status", s.wireName()));
  }
}
