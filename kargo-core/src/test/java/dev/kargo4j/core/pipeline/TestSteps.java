package dev.kargo4j.core.pipeline;

import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.model.HealthCheckStep;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The step runner of the pipeline tests ({@code uses: test-step}). Its config says what to do:
 * {@code result} is {@code succeed} (default), {@code fail}, or {@code running} (Running for
 * {@code runningFor} attempts, retried after 30 s, then Succeeded); {@code health} registers a
 * health check of kind {@code test-health} with that config. It records, per Stage, which
 * Freight each attempt promoted and how many attempts of that Stage ran at once.
 */
final class TestSteps implements StepRunner {
  final Map<String, List<String>> promoted = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  final AtomicInteger maxOverlap = new AtomicInteger();
  volatile Consumer<StepContext> hook = c -> {};

  @Override
  public String kind() {
    return "test-step";
  }

  @Override
  public StepResult run(StepContext context) {
    String stage = context.stage();
    AtomicInteger running = inFlight.computeIfAbsent(stage, s -> new AtomicInteger());
    int now = running.incrementAndGet();
    maxOverlap.accumulateAndGet(now, Math::max);
    try {
      hook.accept(context);
      int n = attempts.computeIfAbsent(context.promotion(), p -> new AtomicInteger()).incrementAndGet();
      Map<String, Object> config = context.config();
      String result = String.valueOf(config.getOrDefault("result", "succeed"));
      long runningFor = config.get("runningFor") instanceof Number num ? num.longValue() : 1;
      StepResult out;
      switch (result) {
        case "fail" -> out = StepResult.failed("told to fail");
        case "running" -> out = n <= runningFor
            ? StepResult.running(Duration.ofSeconds(30), "waiting", Map.of("attempt", (long) n))
            : StepResult.succeeded(Map.of("attempt", (long) n));
        default -> out = StepResult.succeeded(Map.of("freight", context.freight().target().name()));
      }
      if (out.status() == PromotionStepStatus.SUCCEEDED) {
        promoted.computeIfAbsent(stage, s -> Collections.synchronizedList(new ArrayList<>()))
            .add(context.freight().target().name());
        if (config.get("health") instanceof Map<?, ?> h) {
          @SuppressWarnings("unchecked")
          Map<String, Object> hc = (Map<String, Object>) h;
          out = out.withHealthCheck(new HealthCheckStep("test-health", hc));
        }
      }
      return out;
    } finally {
      running.decrementAndGet();
    }
  }
}
