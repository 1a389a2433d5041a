package dev.kargo4j.core.model;

import dev.kargo4j.core.model.internal.WireNames;

/** The kind of task a promotion step references; the default is {@code PromotionTask}. */
public enum PromotionTaskKind {
  /** {@code PromotionTask} */
  PROMOTION_TASK("PromotionTask"),
  /** {@code ClusterPromotionTask} */
  CLUSTER_PROMOTION_TASK("ClusterPromotionTask");

  private final String wireName;

  PromotionTaskKind(String wireName) {
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
  public static PromotionTaskKind fromWireName(String text) {
    return WireNames.parse(PromotionTaskKind.class, text, PromotionTaskKind::wireName);
  }
}
