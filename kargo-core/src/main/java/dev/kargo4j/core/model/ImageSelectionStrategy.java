package dev.kargo4j.core.model;

import dev.kargo4j.core.model.internal.WireNames;

/** How an image subscription picks the newest image; the default is {@code SemVer}. */
public enum ImageSelectionStrategy {
  /** {@code SemVer} */
  SEMVER("SemVer"),
  /** {@code Lexical} */
  LEXICAL("Lexical"),
  /** {@code Digest} */
  DIGEST("Digest"),
  /** {@code NewestBuild} */
  NEWEST_BUILD("NewestBuild");

  private final String wireName;

  ImageSelectionStrategy(String wireName) {
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
  public static ImageSelectionStrategy fromWireName(String text) {
    return WireNames.parse(ImageSelectionStrategy.class, text, ImageSelectionStrategy::wireName);
  }
}
