package dev.kargo4j.steps.git.spi;

import java.util.Objects;

/**
 * Which pull requests {@link GitProvider#listPullRequests} returns.
 *
 * @param state never null
 * @param headBranch the source branch, or null for any
 * @param headCommit the source branch's head commit, or null for any
 * @param baseBranch the target branch, or null for any
 */
public record PullRequestQuery(PullRequestState state, String headBranch, String headCommit, String baseBranch) {
  public PullRequestQuery {
    Objects.requireNonNull(state, "state");
  }
}
