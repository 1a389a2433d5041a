package dev.kargo4j.steps.git.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per (repository, branch), shared by every git-push of the process, so that pushes to
 * the same branch from concurrent promotions take turns (Kargo's per-branch mutex). Repository
 * URLs are normalised first. Thread-safe.
 */
public final class BranchLocks {
  private static final BranchLocks SHARED = new BranchLocks();

  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** The process-wide table. */
  public static BranchLocks shared() {
    return SHARED;
  }

  /** The lock of {@code branch} in {@code repoUrl}. */
  public ReentrantLock lockFor(String repoUrl, String branch) {
    return locks.computeIfAbsent(RepoUrls.normalize(repoUrl) + ":" + branch, k -> new ReentrantLock());
  }
}
