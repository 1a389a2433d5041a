package dev.kargo4j.core.model;

import dev.kargo4j.core.model.internal.WireNames;

/** How upstream Stages make Freight available: {@code OneOf} (the default) or {@code All}. */
public enum AvailabilityStrategy {
  /** {@code OneOf} */
  ONE_OF("OneOf"),
  /** {@code All} */
  ALL("All");

  private final String wireName;

  AvailabilityStrategy(String wireName) {
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
  public static AvailabilityStrategy fromWireName(String text) {
    return WireNames.parse(AvailabilityStrategy.class, text, AvailabilityStrategy::wireName);
  }
}
