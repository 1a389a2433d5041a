package dev.kargo4j.core.model;

import dev.kargo4j.core.model.internal.WireNames;

/** The phase of a Promotion: Pending, Running, then one of the terminal phases. */
public enum PromotionPhase {
  /** {@code Pending} */
  PENDING("Pending"),
  /** {@code Running} */
  RUNNING("Running"),
  /** {@code Succeeded} */
  SUCCEEDED("Succeeded"),
  /** {@code Failed} */
  FAILED("Failed"),
  /** {@code Errored} */
  ERRORED("Errored"),
  /** {@code Aborted} */
  ABORTED("Aborted");

  private final String wireName;

  PromotionPhase(String wireName) {
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
  public static PromotionPhase fromWireName(String text) {
    return WireNames.parse(PromotionPhase.class, text, PromotionPhase::wireName);
  }

  /** Whether the Promotion has finished. */
  public boolean isTerminal() {
    return this != PENDING && this != RUNNING;
  }
}
