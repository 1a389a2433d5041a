package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.steps.git.internal.Author;
import dev.kargo4j.steps.git.internal.WorkTree;
import java.util.Map;

/**
 * {@code git-commit}: stages every change ({@code git add -A}) and commits it with
 * {@code message}; with nothing to commit the step is Skipped. Output {@code commit}: the HEAD
 * commit either way. Thread-safe.
 */
public final class GitCommitter implements StepRunner {

  /** Found by {@link java.util.ServiceLoader}. */
  public GitCommitter() {}

  @Override
  public String kind() {
    return "git-commit";
  }

  @Override
  public StepResult run(StepContext ctx) {
    GitCommitConfig cfg = ctx.config(GitCommitConfig.class);
    Author author = null;
    if (cfg.author() != null) {
      ctx.logger().warn("git-commit 'author' is deprecated in Kargo; configure the author in git-clone");
      author = new Author(cfg.author().name(), cfg.author().email());
    }
    try (WorkTree wt = WorkTree.open(ctx.workDir().resolve(cfg.path(), "path"), ctx.workDir().root())) {
      wt.addAll();
      if (!wt.hasStagedChanges()) {
        return StepResult.skipped("nothing to commit in '" + cfg.path() + "'",
            Map.of("commit", wt.headCommit()));
      }
      String commit = wt.commit(cfg.message(), author);
      return StepResult.succeeded(Map.of("commit", commit));
    }
  }
}
