package dev.kargo4j.steps.git.spi;

/** The states {@link PullRequestQuery} can ask for (merged pull requests are closed). */
public enum PullRequestState {
  ANY,
  OPEN,
  CLOSED
}
