package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.str;

import java.time.Instant;

/**
 * A commit found by git discovery: {@code id}, {@code branch} or {@code tag}, {@code subject}
 * (cut to 80 characters), {@code author}, {@code committer}, {@code creatorDate} (may be null).
 *
 * <p>Immutable and thread-safe.
 */
public record DiscoveredCommit(
    String id,
    String branch,
    String tag,
    String subject,
    String author,
    String committer,
    Instant creatorDate) {

  /** Null strings become empty. */
  public DiscoveredCommit {
    id = str(id);
    branch = str(branch);
    tag = str(tag);
    subject = str(subject);
    author = str(author);
    committer = str(committer);
  }
}
