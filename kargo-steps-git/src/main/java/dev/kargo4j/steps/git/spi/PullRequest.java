package dev.kargo4j.steps.git.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A pull request as Kargo sees it ({@code gitprovider.PullRequest}).
 *
 * @param number the number users see (GitLab's {@code iid})
 * @param url its web page
 * @param open true while it can still be merged or closed
 * @param merged true once merged
 * @param mergeCommitSha the merge commit, or null before the merge
 * @param headSha the commit at the head of the source branch, or null when unknown
 * @param createdAt when it was opened, or null when unknown
 */
public record PullRequest(long number, String url, boolean open, boolean merged,
    String mergeCommitSha, String headSha, Instant createdAt) {
  public PullRequest {
    Objects.requireNonNull(url, "url");
  }
}
