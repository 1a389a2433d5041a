package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import java.util.Map;

/**
 * The {@code compose-output} step: its output is its config, a map of at least one entry, as in
 * Kargo. Inside a PromotionTask the output is also merged into the task's own output
 * ({@link #propagatesOutputToTask()}). Stateless and thread-safe.
 */
public final class OutputComposer implements StepRunner {
  /** The step kind, {@code compose-output}. */
  public static final String KIND = "compose-output";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean propagatesOutputToTask() {
    return true;
  }

  @Override
  public StepResult run(StepContext context) {
    Map<String, Object> config = context.config();
    if (config.isEmpty()) {
      throw new InvalidConfigException("steps[" + context.alias()
          + "].config: must have at least 1 property; compose-output outputs its config");
    }
    return StepResult.succeeded(config);
  }
}
