package dev.kargo4j.steps.git.spi;

import java.util.List;

/**
 * The pull-request API of one repository on a git hosting service, as Kargo's
 * {@code gitprovider.Interface}: create, read, list and merge pull requests (merge requests on
 * GitLab), and build a commit's web URL. Every method may call the service; failures are
 * {@link GitProviderException}s whose messages never contain the token. Implementations are
 * thread-safe.
 */
public interface GitProvider {

  /** Opens a pull request from {@code request.head()} into {@code request.base()}. */
  PullRequest createPullRequest(NewPullRequest request);

  /** The pull request numbered {@code number}. */
  PullRequest getPullRequest(long number);

  /**
   * The pull requests matching {@code query}: in the given state, from the head branch into the
   * base branch, and (when {@code query.headCommit()} is set) whose head is that commit.
   */
  List<PullRequest> listPullRequests(PullRequestQuery query);

  /**
   * Merges pull request {@code number} with {@code mergeMethod} (provider-specific; null for the
   * default). An already merged pull request is returned as merged; one that is not ready yet
   * (draft, checks pending, not mergeable) gives {@link MergeOutcome#notReady()}; a closed one,
   * a conflict or an unsupported method fails.
   */
  MergeOutcome mergePullRequest(long number, String mergeMethod);

  /** The web page of commit {@code commitId} of {@code repoUrl}. */
  String commitUrl(String repoUrl, String commitId);
}
