package dev.kargo4j.core.spi;

/**
 * The status of a promotion step, in Kargo's severity order: a greater ordinal is worse.
 * {@link #label()} is Kargo's spelling, as stored in a Promotion's status.
 */
public enum StepStatus {
  SUCCEEDED("Succeeded"),
  SKIPPED("Skipped"),
  RUNNING("Running"),
  ABORTED("Aborted"),
  FAILED("Failed"),
  ERRORED("Errored");

  private final String label;

  StepStatus(String label) {
    this.label = label;
  }

  /** Kargo's name of the status, e.g. {@code "Succeeded"}. */
  public String label() {
    return label;
  }

  /** True for Succeeded and Skipped, the statuses that let later steps run by default. */
  public boolean isSuccess() {
    return this == SUCCEEDED || this == SKIPPED;
  }

  /** The status whose {@link #label()} is {@code label}. */
  public static StepStatus ofLabel(String label) {
    for (StepStatus s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown step status '" + label + "'; allowed: Succeeded, Skipped, Running, Aborted, Failed, Errored");
  }

  /** The worse of this and {@code other}. */
  public StepStatus worst(StepStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
