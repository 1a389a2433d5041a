package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.steps.git.internal.PullRequests;
import dev.kargo4j.steps.git.spi.PullRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code git-wait-for-pr}: Running while the pull request is open (looked at again after
 * {@code pollInterval}, default 30s), Succeeded once merged, Failed when closed unmerged.
 * Output {@code pr: {id, url, open, merged}} and, once merged, {@code commit} (the merge
 * commit). Each forge API call is bounded by the host's {@link GitProviderLimits}. Thread-safe.
 */
public final class GitPullRequestWaiter implements StepRunner {
  private static final Duration DEFAULT_POLL = Duration.ofSeconds(30);

  private final GitProviders providers;

  /** With the built-in providers. */
  public GitPullRequestWaiter() {
    this(GitProviders.builtIn());
  }

  /** With {@code providers}. */
  public GitPullRequestWaiter(GitProviders providers) {
    this.providers = Objects.requireNonNull(providers, "providers");
  }

  @Override
  public String kind() {
    return "git-wait-for-pr";
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(Capability.CREDENTIALS, Capability.HTTP_CLIENT, GitProviderLimits.CAPABILITY);
  }

  @Override
  public StepResult run(StepContext ctx) {
    GitWaitForPRConfig cfg = ctx.config(GitWaitForPRConfig.class);
    Duration poll = cfg.pollInterval() == null ? DEFAULT_POLL : ConfigRules.duration(cfg.pollInterval(), "pollInterval");
    PullRequest pr = PullRequests.provider(ctx, providers.require(cfg.repoURL(), cfg.provider()), cfg.repoURL(),
        cfg.insecureSkipTLSVerify()).getPullRequest(cfg.prNumber());
    Map<String, Object> prOut = new LinkedHashMap<>();
    prOut.put("id", pr.number());
    prOut.put("url", pr.url());
    prOut.put("open", pr.open());
    prOut.put("merged", pr.merged());
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("pr", prOut);
    if (pr.mergeCommitSha() != null && !pr.mergeCommitSha().isEmpty()) {
      output.put("commit", pr.mergeCommitSha());
    }
    if (pr.open()) {
      return StepResult.running(poll, "pull request " + pr.number() + " is open", output);
    }
    if (!pr.merged()) {
      return StepResult.failed("pull request " + cfg.prNumber() + " was closed without being merged", output);
    }
    return StepResult.succeeded(output);
  }
}
