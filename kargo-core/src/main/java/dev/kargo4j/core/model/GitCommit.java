package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.str;

/**
 * A git commit in Freight: repository URL, commit {@code id}, the {@code branch} or {@code tag}
 * it was found on, {@code message} (the subject), {@code author}, {@code committer} and the
 * {@code subscriptionName} of the subscription that found it. All components are strings, never
 * null (absent is empty).
 *
 * <p>Immutable and thread-safe.
 */
public record GitCommit(
    String repoURL,
    String id,
    String branch,
    String tag,
    String message,
    String author,
    String committer,
    String subscriptionName) {

  /** Null components become empty strings. */
  public GitCommit {
    repoURL = str(repoURL);
    id = str(id);
    branch = str(branch);
    tag = str(tag);
    message = str(message);
    author = str(author);
    committer = str(committer);
    subscriptionName = str(subscriptionName);
  }

  /** A commit with only a repository URL and an ID. */
  public static GitCommit of(String repoURL, String id) {
    return new GitCommit(repoURL, id, "", "", "", "", "", "");
  }

  /** A copy with another subscription name. */
  public GitCommit withSubscriptionName(String name) {
    return new GitCommit(repoURL, id, branch, tag, message, author, committer, name);
  }
}
