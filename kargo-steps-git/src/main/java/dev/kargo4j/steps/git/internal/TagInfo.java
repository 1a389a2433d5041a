package dev.kargo4j.steps.git.internal;

import java.time.Instant;

/**
 * A tag with what Kargo's {@code ListTags} reports about it: for annotated tags the tagger, the
 * annotation's first line and the tag's date; the peeled commit's id, subject, author and
 * committer.
 */
public record TagInfo(String tag, String commitId, Instant creatorDate, String author, String committer,
    String subject, String tagger, String annotation) {

  /** A tag known by name only (for tests of the name filters). */
  public static TagInfo named(String tag) {
    return new TagInfo(tag, "", Instant.EPOCH, "", "", "", "", "");
  }
}
