package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.steps.git.internal.PullRequests;
import dev.kargo4j.steps.git.spi.GitProvider;
import dev.kargo4j.steps.git.spi.GitProviderException;
import dev.kargo4j.steps.git.spi.MergeOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code git-merge-pr}: merges a pull request. Not mergeable yet: Running (after
 * {@code pollInterval}, default 10s) when {@code wait} is set, else Failed. A provider error
 * (closed, conflicts, unsupported method, refused) fails the step terminally. Output
 * {@code commit}: the merge commit. Each forge API call is bounded by the host's
 * {@link GitProviderLimits}. Thread-safe.
 */
public final class GitPullRequestMerger implements StepRunner {
  private static final Duration DEFAULT_POLL = Duration.ofSeconds(10);

  private final GitProviders providers;

  /** With the built-in providers. */
  public GitPullRequestMerger() {
    this(GitProviders.builtIn());
  }

  /** With {@code providers}. */
  public GitPullRequestMerger(GitProviders providers) {
    this.providers = Objects.requireNonNull(providers, "providers");
  }

  @Override
  public String kind() {
    return "git-merge-pr";
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(Capability.CREDENTIALS, Capability.HTTP_CLIENT, GitProviderLimits.CAPABILITY);
  }

  @Override
  public StepResult run(StepContext ctx) {
    GitMergePRConfig cfg = ctx.config(GitMergePRConfig.class);
    Duration poll = cfg.pollInterval() == null ? DEFAULT_POLL : ConfigRules.duration(cfg.pollInterval(), "pollInterval");
    GitProvider provider = PullRequests.provider(ctx, providers.require(cfg.repoURL(), cfg.provider()),
        cfg.repoURL(), cfg.insecureSkipTLSVerify());
    MergeOutcome outcome;
    try {
      outcome = provider.mergePullRequest(cfg.prNumber(), cfg.mergeMethod());
    } catch (GitProviderException e) {
      throw new TerminalStepException("error merging pull request " + cfg.prNumber() + ": " + e.getMessage());
    }
    if (!outcome.merged()) {
      if (cfg.waitUntilMergeable()) {
        return StepResult.running(poll, "pull request " + cfg.prNumber() + " is not ready to merge yet", Map.of());
      }
      return StepResult.failed("pull request " + cfg.prNumber() + " is not ready to merge and wait is disabled");
    }
    String sha = outcome.pullRequest().mergeCommitSha();
    return StepResult.succeeded(Map.of("commit", sha == null ? "" : sha));
  }
}
