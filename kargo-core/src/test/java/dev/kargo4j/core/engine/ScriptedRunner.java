package dev.kargo4j.core.engine;

import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.TerminalStepException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test runner ({@code uses: script}) whose attempts follow its config: {@code results} lists
 * what each attempt does (succeeded, skipped, running, failed, error, terminal), the last one
 * repeating; {@code output} is returned as the step output along with {@code attempt} (the
 * attempt number, also read back from the previous output so it survives a restart).
 */
final class ScriptedRunner implements StepRunner {
  final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  final Map<String, Map<String, Object>> seenPrevious = new ConcurrentHashMap<>();

  @Override
  public String kind() {
    return "script";
  }

  @Override
  @SuppressWarnings("unchecked")
  public StepResult run(StepContext context) {
    // attempts survive a restart through the step's stored output, as a real runner's state would
    int stored = context.previousOutput().get("attempt") instanceof Number p ? p.intValue() : 0;
    int n = attempts.computeIfAbsent(context.alias(), a -> new AtomicInteger())
        .updateAndGet(local -> Math.max(local, stored) + 1);
    seenPrevious.put(context.alias(), context.previousOutput());
    Map<String, Object> config = context.config();
    List<String> results = (List<String>) config.getOrDefault("results", List.of("succeeded"));
    String what = results.get(Math.min(n, results.size()) - 1);
    Map<String, Object> output = new LinkedHashMap<>();
    if (config.get("output") instanceof Map<?, ?> m) {
      output.putAll((Map<String, Object>) m);
    }
    output.put("attempt", (long) n);
    return switch (what) {
      case "succeeded" -> StepResult.succeeded(output);
      case "skipped" -> StepResult.skipped("nothing to do", output);
      case "running" -> StepResult.running(Duration.ofSeconds(30), "waiting", output);
      case "failed" -> StepResult.failed("it failed: " + config.getOrDefault("message", ""), output);
      case "error" -> throw new IllegalStateException("transient trouble " + config.getOrDefault("message", ""));
      case "terminal" -> throw new TerminalStepException("fatal trouble " + config.getOrDefault("message", ""));
      default -> throw new IllegalArgumentException("unknown script result " + what);
    };
  }
}
