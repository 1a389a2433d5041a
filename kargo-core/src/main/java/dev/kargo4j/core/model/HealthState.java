package dev.kargo4j.core.model;

import dev.kargo4j.core.model.internal.WireNames;

/** A Stage's health. {@link #merge} keeps the worse of two states in the order Healthy &lt; NotApplicable &lt; Progressing &lt; Unknown &lt; Unhealthy. */
public enum HealthState {
  /** {@code Healthy} */
  HEALTHY("Healthy"),
  /** {@code NotApplicable} */
  NOT_APPLICABLE("NotApplicable"),
  /** {@code Progressing} */
  PROGRESSING("Progressing"),
  /** {@code Unknown} */
  UNKNOWN("Unknown"),
  /** {@code Unhealthy} */
  UNHEALTHY("Unhealthy");

  private final String wireName;

  HealthState(String wireName) {
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
  public static HealthState fromWireName(String text) {
    return WireNames.parse(HealthState.class, text, HealthState::wireName);
  }

  /** The worse of this state and {@code other} (declaration order is the severity order). */
  public HealthState merge(HealthState other) {
    return other == null || compareTo(other) >= 0 ? this : other;
  }
}
