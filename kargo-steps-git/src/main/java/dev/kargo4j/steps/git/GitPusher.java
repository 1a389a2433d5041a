package dev.kargo4j.steps.git;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.Sleeper;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.steps.git.internal.Backoff;
import dev.kargo4j.steps.git.internal.BranchLocks;
import dev.kargo4j.steps.git.internal.RepoUrls;
import dev.kargo4j.steps.git.internal.StepSupport;
import dev.kargo4j.steps.git.internal.GitTransport;
import dev.kargo4j.steps.git.internal.WorkTree;
import dev.kargo4j.steps.git.spi.GitProviderOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;

/**
 * {@code git-push}: pushes a checkout's HEAD to its current branch, to {@code targetBranch}, to
 * {@code kargo/promotion/<promotion>} ({@code generateTargetBranch}, forced), or pushes a
 * {@code tag}. Before each attempt remote changes are integrated by rebase (Kargo's default
 * {@code AlwaysRebase}; not for tags and forced pushes); a non-fast-forward rejection is retried
 * after Kargo's backoff (1s, x1.5, jitter 0.5, at most 30s) up to {@code maxAttempts}. Pushes to
 * one (repository, branch) take turns inside the process. A rebase conflict fails the step
 * (terminal). Outputs {@code commit}, {@code branch} and, when a git provider recognises the
 * repository, {@code commitURL}. Thread-safe.
 */
public final class GitPusher implements StepRunner {
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final GitProviders providers;
  private final BranchLocks locks;

  /** Real sleeps, the built-in providers, the process-wide branch locks. */
  public GitPusher() {
    this(builder());
  }

  private GitPusher(Builder b) {
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.providers = b.providers == null ? GitProviders.builtIn() : b.providers;
    this.locks = BranchLocks.shared();
  }

  /** A builder, e.g. to inject a {@link Sleeper} in tests. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link GitPusher}. Not thread-safe. */
  public static final class Builder {
    private Sleeper sleeper = Sleeper.system();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private GitProviders providers;

    private Builder() {}

    /** How to wait between attempts; default {@link Sleeper#system()}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The source of jitter in [0, 1); default a thread-local random. */
    public Builder jitter(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The providers used for {@code commitURL}; default {@link GitProviders#builtIn()}. */
    public Builder providers(GitProviders providers) {
      this.providers = Objects.requireNonNull(providers, "providers");
      return this;
    }

    public GitPusher build() {
      return new GitPusher(this);
    }
  }

  @Override
  public String kind() {
    return "git-push";
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(Capability.CREDENTIALS, GitHostPolicy.CAPABILITY);
  }

  @Override
  public StepResult run(StepContext ctx) {
    GitPushConfig cfg = ctx.config(GitPushConfig.class);
    GitProviders known = providers;
    try (WorkTree wt = WorkTree.open(ctx.workDir().resolve(cfg.path(), "path"), ctx.workDir().root())) {
      String url = wt.url();
      GitTransport.Remote creds = wt.remote(StepSupport.gitCredentials(ctx, url),
          ctx.capability(GitHostPolicy.CAPABILITY).localRepositoriesAllowed());
      Optional<String> current = wt.currentBranch();
      Map<String, Object> output = new LinkedHashMap<>();
      String branch;
      if (cfg.tag() != null && !cfg.tag().isEmpty()) {
        WorkTree.PushStatus s = wt.push("refs/tags/" + cfg.tag(), "refs/tags/" + cfg.tag(), false, creds);
        if (s != WorkTree.PushStatus.OK) {
          throw new KargoException("the push of tag '" + cfg.tag() + "' to " + RepoUrls.redact(url)
              + " was rejected: the remote already has a different tag of that name");
        }
        branch = current.orElse(null);
      } else {
        boolean force = cfg.force() || cfg.generateTargetBranch();
        if (cfg.generateTargetBranch()) {
          branch = "kargo/promotion/" + ctx.promotion();
        } else if (cfg.targetBranch() != null && !cfg.targetBranch().isEmpty()) {
          branch = cfg.targetBranch();
        } else {
          branch = current.orElseThrow(() -> new TerminalStepException("the checkout at '" + cfg.path()
              + "' has no current branch (HEAD is detached); set targetBranch or generateTargetBranch"));
        }
        pushWithRetries(ctx, wt, url, branch, force, cfg.attempts(), creds);
      }
      String commit = wt.headCommit();
      output.put("commit", commit);
      if (branch != null) {
        output.put("branch", branch);
      }
      known.find(url, cfg.provider()).ifPresent(f -> {
        try {
          output.put("commitURL", f.create(GitProviderOptions.urlOnly(url)).commitUrl(url, commit));
        } catch (KargoException e) {
          ctx.logger().warn("no commit URL for {}: {}", RepoUrls.redact(url), e.getMessage());
        }
      });
      return StepResult.succeeded(output);
    }
  }

  private void pushWithRetries(StepContext ctx, WorkTree wt, String url, String branch, boolean force,
      int attempts, GitTransport.Remote creds) {
    for (int attempt = 1; ; attempt++) {
      ReentrantLock lock = locks.lockFor(url, branch);
      WorkTree.PushStatus status;
      lock.lock();
      try {
        if (!force) {
          wt.fetchBranch(branch, creds).ifPresent(wt::rebaseOnto);
        }
        status = wt.push("HEAD", "refs/heads/" + branch, force, creds);
      } catch (WorkTree.MergeConflictException e) {
        throw new TerminalStepException("cannot push to branch '" + branch + "' of " + RepoUrls.redact(url)
            + ": " + e.getMessage());
      } finally {
        lock.unlock();
      }
      if (status == WorkTree.PushStatus.OK) {
        return;
      }
      if (attempt >= attempts) {
        throw new KargoException("the push to branch '" + branch + "' of " + RepoUrls.redact(url)
            + " was rejected as non-fast-forward " + attempt + " time" + (attempt == 1 ? "" : "s")
            + " (maxAttempts " + attempts + "); the branch keeps changing");
      }
      if (ctx.isCancelled()) {
        throw new KargoException("the push to branch '" + branch + "' was cancelled after " + attempt + " attempts");
      }
      Duration wait = Backoff.KARGO_PUSH.delay(attempt, random);
      ctx.logger().debug("push to {} of {} rejected as non-fast-forward; attempt {} of {}, retrying in {}",
          branch, RepoUrls.redact(url), attempt, attempts, wait);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KargoException("interrupted while waiting to retry the push to branch '" + branch + "'");
      }
    }
  }
}
