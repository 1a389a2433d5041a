package dev.kargo4j.core.model;

import dev.kargo4j.core.model.internal.WireNames;

/** Which Freight auto-promotion picks: {@code NewestFreight} (the default) or {@code MatchUpstream}. */
public enum AutoPromotionSelectionPolicy {
  /** {@code NewestFreight} */
  NEWEST_FREIGHT("NewestFreight"),
  /** {@code MatchUpstream} */
  MATCH_UPSTREAM("MatchUpstream");

  private final String wireName;

  AutoPromotionSelectionPolicy(String wireName) {
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
  public static AutoPromotionSelectionPolicy fromWireName(String text) {
    return WireNames.parse(AutoPromotionSelectionPolicy.class, text, AutoPromotionSelectionPolicy::wireName);
  }
}
