package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.util.List;

/**
 * The refs observed at the last git discovery ({@code observedRefs}): the {@code branchHead}
 * or the {@code tags}; lets discovery skip a clone when nothing changed.
 *
 * <p>Immutable and thread-safe.
 */
public record GitDiscoveryRefs(String branchHead, List<DiscoveredRef> tags) {
  /** Copies. */
  public GitDiscoveryRefs {
    branchHead = str(branchHead);
    tags = list("tags", tags);
  }
}
