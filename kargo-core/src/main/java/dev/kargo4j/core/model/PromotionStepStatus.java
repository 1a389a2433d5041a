package dev.kargo4j.core.model;

import dev.kargo4j.core.model.internal.WireNames;

/** The status of one promotion step; declaration order is Kargo's severity order (Succeeded &lt; Skipped &lt; Running &lt; Aborted &lt; Failed &lt; Errored). */
public enum PromotionStepStatus {
  /** {@code Succeeded} */
  SUCCEEDED("Succeeded"),
  /** {@code Skipped} */
  SKIPPED("Skipped"),
  /** {@code Running} */
  RUNNING("Running"),
  /** {@code Aborted} */
  ABORTED("Aborted"),
  /** {@code Failed} */
  FAILED("Failed"),
  /** {@code Errored} */
  ERRORED("Errored");

  private final String wireName;

  PromotionStepStatus(String wireName) {
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
  public static PromotionStepStatus fromWireName(String text) {
    return WireNames.parse(PromotionStepStatus.class, text, PromotionStepStatus::wireName);
  }

  /** Kargo's severity: 0 for Succeeded up to 5 for Errored. */
  public int severity() {
    return ordinal();
  }
}
