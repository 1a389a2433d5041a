package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.steps.git.internal.WorkTree;
import java.util.Map;

/**
 * {@code git-clear}: stages everything in a checkout, then removes every tracked file from the
 * index and the working tree ({@code .git} and ignored files stay), for the "rendered branch"
 * pattern. No output. Thread-safe.
 */
public final class GitTreeClearer implements StepRunner {

  /** Found by {@link java.util.ServiceLoader}. */
  public GitTreeClearer() {}

  @Override
  public String kind() {
    return "git-clear";
  }

  @Override
  public StepResult run(StepContext ctx) {
    GitClearConfig cfg = ctx.config(GitClearConfig.class);
    try (WorkTree wt = WorkTree.open(ctx.workDir().resolve(cfg.path(), "path"), ctx.workDir().root())) {
      wt.clear();
    }
    return StepResult.succeeded(Map.of());
  }
}
