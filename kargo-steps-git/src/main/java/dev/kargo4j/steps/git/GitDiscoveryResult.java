package dev.kargo4j.steps.git;

import java.util.List;
import java.util.Objects;

/**
 * What one discovery found: the commits, best first (element 0 goes into Freight), and the refs
 * they were computed from. Keep it and pass it to the next {@link GitDiscovery#discover} call.
 *
 * @param repoURL the subscription's repository
 * @param commits best first, at most {@code discoveryLimit}
 * @param observedRefs null when they could not be observed (more than 1000 matching tags)
 */
public record GitDiscoveryResult(String repoURL, List<DiscoveredCommit> commits, ObservedRefs observedRefs) {
  public GitDiscoveryResult {
    Objects.requireNonNull(repoURL, "repoURL");
    commits = List.copyOf(commits);
  }
}
