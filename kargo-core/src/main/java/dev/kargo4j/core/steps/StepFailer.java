package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;

/**
 * The {@code fail} step: always Failed, not retried, with Kargo's message {@code failed} or
 * {@code failed: <message>}. Use it with {@code if} to stop a promotion on a condition.
 *
 * <p>Config: {@link StepFailerConfig}. Stateless and thread-safe.
 */
public final class StepFailer implements StepRunner {
  /** The step kind, {@code fail}. */
  public static final String KIND = "fail";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public StepResult run(StepContext context) {
    StepFailerConfig cfg = context.config(StepFailerConfig.class);
    return StepResult.failed(cfg.message() == null ? "failed" : "failed: " + cfg.message());
  }
}
