package dev.kargo4j.steps.git;

import java.util.List;

/**
 * The remote refs a subscription depends on (Kargo's {@code observedRefs}): when they are
 * unchanged since the last discovery, the last result stands and nothing is fetched.
 *
 * @param branchHead the branch head for NewestFromBranch, else null
 * @param tags the matching tags sorted by name for tag strategies, else empty
 */
public record ObservedRefs(String branchHead, List<DiscoveredRef> tags) {
  public ObservedRefs {
    tags = List.copyOf(tags == null ? List.of() : tags);
  }
}
