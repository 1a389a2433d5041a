package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.Capability;

/**
 * What the host lets Stage authors' git URLs reach. By default only remote repositories:
 * {@code https}, {@code http}, {@code ssh} and {@code git} URLs and scp-style addresses
 * ({@code git@host:org/repo.git}). Local repositories ({@code file://} URLs and plain paths)
 * would let anyone who writes a Stage or Warehouse read every repository the host's user can
 * read, so they are refused unless the host opts in with {@link #allowingLocalRepositories()}
 * (e.g. for tests and demos against repositories on disk).
 *
 * <p>The policy applies to {@code git-clone} (and its submodules), {@code git-push}, the
 * pull-request steps' branch probe and git discovery. Supply it with
 * {@code ProjectRuntime.builder().capability(GitHostPolicy.CAPABILITY, ...)},
 * {@code PromotionEngine.builder().capability(...)} or
 * {@code WarehouseDiscoverer.builder().capability(...)}; without it {@link #remoteOnly()}
 * applies.
 *
 * <p>Immutable and thread-safe.
 */
public final class GitHostPolicy {
  private static final GitHostPolicy REMOTE_ONLY = new GitHostPolicy(false);
  private static final GitHostPolicy LOCAL_ALLOWED = new GitHostPolicy(true);

  /** The capability key; its default is {@link #remoteOnly()}. */
  public static final Capability<GitHostPolicy> CAPABILITY =
      Capability.of("git-host-policy", GitHostPolicy.class, REMOTE_ONLY);

  private final boolean localRepositories;

  private GitHostPolicy(boolean localRepositories) {
    this.localRepositories = localRepositories;
  }

  /** Remote repositories only (the default). */
  public static GitHostPolicy remoteOnly() {
    return REMOTE_ONLY;
  }

  /**
   * Remote repositories and repositories on the host's disk ({@code file://} URLs and paths).
   * Only for hosts whose Stage and Warehouse authors may read anything the host's user can.
   */
  public static GitHostPolicy allowingLocalRepositories() {
    return LOCAL_ALLOWED;
  }

  /** True when {@code file://} URLs and local paths are allowed. */
  public boolean localRepositoriesAllowed() {
    return localRepositories;
  }

  @Override
  public String toString() {
    return localRepositories ? "GitHostPolicy[remote and local repositories]" : "GitHostPolicy[remote repositories only]";
  }
}
