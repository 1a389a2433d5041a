package dev.kargo4j.core.model;

import dev.kargo4j.core.model.internal.WireNames;

/** How a git subscription picks the newest commit; the default is {@code NewestFromBranch}. */
public enum CommitSelectionStrategy {
  /** {@code NewestFromBranch} */
  NEWEST_FROM_BRANCH("NewestFromBranch"),
  /** {@code SemVer} */
  SEMVER("SemVer"),
  /** {@code Lexical} */
  LEXICAL("Lexical"),
  /** {@code NewestTag} */
  NEWEST_TAG("NewestTag");

  private final String wireName;

  CommitSelectionStrategy(String wireName) {
    this.wireName = wireName;
  }

  /** The name Kargo uses in YAML. */
  public String wireName() {
    return wireName;
  }

  /**
   * The constant for a Kargo wire name.
   *
   * @throws InvalidModelException naming the allowed values when unknown
   */
  public static CommitSelectionStrategy fromWireName(String text) {
    return WireNames.parse(CommitSelectionStrategy.class, text, CommitSelectionStrategy::wireName);
  }
}
