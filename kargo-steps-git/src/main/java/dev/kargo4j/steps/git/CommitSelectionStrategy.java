package dev.kargo4j.steps.git;

/** How a git subscription picks commits ({@code commitSelectionStrategy}). */
public enum CommitSelectionStrategy {
  /** The newest commits of a branch (the default branch when none is named); the default. */
  NEWEST_FROM_BRANCH("NewestFromBranch"),
  /** The tags that are the greatest semantic versions matching {@code semverConstraint}. */
  SEM_VER("SemVer"),
  /** The lexically greatest tags. */
  LEXICAL("Lexical"),
  /** The most recently created tags. */
  NEWEST_TAG("NewestTag");

  private final String label;

  CommitSelectionStrategy(String label) {
    this.label = label;
  }

  /** Kargo's spelling, e.g. {@code NewestFromBranch}. */
  public String label() {
    return label;
  }

  /** The strategy spelled {@code label}; an empty or null label is the default. */
  public static CommitSelectionStrategy ofLabel(String label) {
    if (label == null || label.isEmpty()) {
      return NEWEST_FROM_BRANCH;
    }
    for (CommitSelectionStrategy s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown commitSelectionStrategy '" + label
        + "'; allowed: Lexical, NewestFromBranch, NewestTag, SemVer");
  }
}
