package dev.kargo4j.steps.git.spi;

/**
 * The result of {@link GitProvider#mergePullRequest}.
 *
 * @param pullRequest the pull request after the merge, or null when not merged
 * @param merged true when the pull request is merged (now or before)
 */
public record MergeOutcome(PullRequest pullRequest, boolean merged) {
  public MergeOutcome {
    if (merged && pullRequest == null) {
      throw new IllegalArgumentException("a merged outcome needs the pull request");
    }
  }

  /** The pull request is merged. */
  public static MergeOutcome merged(PullRequest pr) {
    return new MergeOutcome(pr, true);
  }

  /** The pull request cannot be merged yet; try again later. */
  public static MergeOutcome notReady() {
    return new MergeOutcome(null, false);
  }
}
