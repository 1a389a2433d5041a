package dev.kargo4j.core.model;

import dev.kargo4j.core.model.internal.WireNames;

/** Whether a Warehouse creates Freight on its own ({@code Automatic}, the default) or never ({@code Manual}). */
public enum FreightCreationPolicy {
  /** {@code Automatic} */
  AUTOMATIC("Automatic"),
  /** {@code Manual} */
  MANUAL("Manual");

  private final String wireName;

  FreightCreationPolicy(String wireName) {
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
  public static FreightCreationPolicy fromWireName(String text) {
    return WireNames.parse(FreightCreationPolicy.class, text, FreightCreationPolicy::wireName);
  }
}
