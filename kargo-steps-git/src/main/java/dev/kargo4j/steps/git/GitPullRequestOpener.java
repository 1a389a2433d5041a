package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.KargoException;
import dev.kargo4j.steps.git.internal.BareRepo;
import dev.kargo4j.steps.git.internal.GitTransport;
import dev.kargo4j.steps.git.internal.PullRequests;
import dev.kargo4j.steps.git.internal.StepSupport;
import dev.kargo4j.steps.git.spi.GitProvider;
import dev.kargo4j.steps.git.spi.NewPullRequest;
import dev.kargo4j.steps.git.spi.PullRequest;
import dev.kargo4j.steps.git.spi.PullRequestQuery;
import dev.kargo4j.steps.git.spi.PullRequestState;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code git-open-pr}: opens a pull request from {@code sourceBranch} into {@code targetBranch},
 * as Kargo does: a PR this step opened in an earlier attempt (its own output) is returned as it
 * is; an open (or merged) PR from the source branch's current head into the target is reused;
 * when the two branches have the same content the step is Skipped; otherwise a PR titled after
 * the head commit's first line is created. Output {@code pr: {id, url}}. Each forge API call is
 * bounded by the host's {@link GitProviderLimits}. Thread-safe.
 */
public final class GitPullRequestOpener implements StepRunner {
  private final GitProviders providers;

  /** With the built-in providers. */
  public GitPullRequestOpener() {
    this(GitProviders.builtIn());
  }

  /** With {@code providers}. */
  public GitPullRequestOpener(GitProviders providers) {
    this.providers = Objects.requireNonNull(providers, "providers");
  }

  @Override
  public String kind() {
    return "git-open-pr";
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(Capability.CREDENTIALS, Capability.HTTP_CLIENT, GitHostPolicy.CAPABILITY,
        GitProviderLimits.CAPABILITY);
  }

  @Override
  public StepResult run(StepContext ctx) {
    GitOpenPRConfig cfg = ctx.config(GitOpenPRConfig.class);
    if (ctx.previousOutput().get("pr") instanceof Map<?, ?> pr && pr.get("id") instanceof Number) {
      return StepResult.succeeded(ctx.previousOutput());
    }
    String url = cfg.repoURL();
    Credentials creds = StepSupport.gitCredentials(ctx, url);
    GitProvider provider = PullRequests.provider(ctx, providers.require(url, cfg.provider()), url,
        cfg.insecureSkipTLSVerify());
    PullRequests.BranchProbe probe = PullRequests.probe(ctx.workDir().root().resolve(BareRepo.STORE_DIR),
        cfg.sourceBranch(), cfg.targetBranch(), new GitTransport.Remote(url, creds, null,
            ctx.capability(GitHostPolicy.CAPABILITY).localRepositoriesAllowed(), cfg.insecureSkipTLSVerify()));

    Optional<PullRequest> existing = PullRequests.best(provider.listPullRequests(new PullRequestQuery(
        PullRequestState.OPEN, cfg.sourceBranch(), probe.sourceHead(), cfg.targetBranch())));
    if (existing.isPresent() && (existing.get().open() || existing.get().merged())) {
      ctx.logger().debug("reusing pull request {}", existing.get().number());
      return StepResult.succeeded(PullRequests.prOutput(existing.get()));
    }
    if (!probe.targetExists()) {
      throw new KargoException("target branch '" + cfg.targetBranch() + "' does not exist");
    }
    if (!probe.hasDiff()) {
      return StepResult.skipped("branches '" + cfg.sourceBranch() + "' and '" + cfg.targetBranch()
          + "' have the same content; no pull request needed", Map.of());
    }
    String message = probe.sourceMessage();
    String title = cfg.title();
    String description = cfg.description() != null ? cfg.description() : message;
    if (title == null || title.isEmpty()) {
      String[] parts = message.split("\n", 2);
      title = parts[0];
      if (cfg.description() == null) {
        description = parts.length > 1 ? parts[1] : "";
      }
    }
    PullRequest pr = provider.createPullRequest(new NewPullRequest(title, description, cfg.sourceBranch(),
        cfg.targetBranch(), cfg.labels()));
    return StepResult.succeeded(PullRequests.prOutput(pr));
  }
}
