package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.steps.git.internal.WorkTree;
import java.util.Map;

/**
 * {@code git-tag}: creates a local annotated tag at HEAD ({@code force} moves an existing one).
 * Push it with {@code git-push} and {@code tag}. Output {@code commit}: the tagged commit.
 * Thread-safe.
 */
public final class GitTagger implements StepRunner {

  /** Found by {@link java.util.ServiceLoader}. */
  public GitTagger() {}

  @Override
  public String kind() {
    return "git-tag";
  }

  @Override
  public StepResult run(StepContext ctx) {
    GitTagConfig cfg = ctx.config(GitTagConfig.class);
    try (WorkTree wt = WorkTree.open(ctx.workDir().resolve(cfg.path(), "path"), ctx.workDir().root())) {
      wt.tag(cfg.tag(), cfg.message(), cfg.force());
      return StepResult.succeeded(Map.of("commit", wt.headCommit()));
    }
  }
}
