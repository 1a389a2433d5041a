package dev.kargo4j.core.model;

import dev.kargo4j.core.model.internal.WireNames;

/** The phase of a verification (an AnalysisRun). */
public enum VerificationPhase {
  /** {@code Pending} */
  PENDING("Pending"),
  /** {@code Running} */
  RUNNING("Running"),
  /** {@code Successful} */
  SUCCESSFUL("Successful"),
  /** {@code Failed} */
  FAILED("Failed"),
  /** {@code Error} */
  ERROR("Error"),
  /** {@code Aborted} */
  ABORTED("Aborted"),
  /** {@code Inconclusive} */
  INCONCLUSIVE("Inconclusive");

  private final String wireName;

  VerificationPhase(String wireName) {
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
  public static VerificationPhase fromWireName(String text) {
    return WireNames.parse(VerificationPhase.class, text, VerificationPhase::wireName);
  }

  /** Whether the verification has finished (anything but Pending and Running). */
  public boolean isTerminal() {
    return this != PENDING && this != RUNNING;
  }
}
