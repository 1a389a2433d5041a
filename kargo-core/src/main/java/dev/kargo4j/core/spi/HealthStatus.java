package dev.kargo4j.core.spi;

/**
 * A Stage's health, in Kargo's merge order: a greater ordinal is worse, and a Stage's health is
 * the worst of its checks. {@link #label()} is Kargo's spelling.
 */
public enum HealthStatus {
  HEALTHY("Healthy"),
  NOT_APPLICABLE("NotApplicable"),
  PROGRESSING("Progressing"),
  UNKNOWN("Unknown"),
  UNHEALTHY("Unhealthy");

  private final String label;

  HealthStatus(String label) {
    this.label = label;
  }

  /** Kargo's name of the status, e.g. {@code "Healthy"}. */
  public String label() {
    return label;
  }

  /** The worse of this and {@code other}. */
  public HealthStatus worst(HealthStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** The status whose {@link #label()} is {@code label}. */
  public static HealthStatus ofLabel(String label) {
    for (HealthStatus s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown health status '" + label
        + "'; allowed: Healthy, NotApplicable, Progressing, Unknown, Unhealthy");
  }
}
