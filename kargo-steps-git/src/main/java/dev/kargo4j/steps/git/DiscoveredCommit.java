package dev.kargo4j.steps.git;

import java.time.Instant;
import java.util.Objects;

/**
 * A commit a git subscription found, as Kargo records it.
 *
 * @param id the commit id
 * @param branch the subscription's branch (NewestFromBranch; empty when it names none), else null
 * @param tag the tag (tag strategies), else null
 * @param subject the first line of the message, cut to 80 characters with {@code ...}
 * @param author {@code Name <email>}
 * @param committer {@code Name <email>}
 * @param creatorDate the commit date (branches) or the tag's creation date (tags)
 */
public record DiscoveredCommit(String id, String branch, String tag, String subject, String author,
    String committer, Instant creatorDate) {
  public DiscoveredCommit {
    Objects.requireNonNull(id, "id");
  }
}
