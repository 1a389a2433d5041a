package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.util.List;

/**
 * The commits discovered for one git subscription, best first; {@code observedRefs} may be
 * null.
 *
 * <p>Immutable and thread-safe.
 */
public record GitDiscoveryResult(
    String repoURL,
    List<DiscoveredCommit> commits,
    String subscriptionName,
    GitDiscoveryRefs observedRefs) {
  /** Copies. */
  public GitDiscoveryResult {
    repoURL = str(repoURL);
    commits = list("commits", commits);
    subscriptionName = str(subscriptionName);
  }
}
