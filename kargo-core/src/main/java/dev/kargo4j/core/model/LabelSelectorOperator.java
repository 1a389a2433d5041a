package dev.kargo4j.core.model;

import dev.kargo4j.core.model.internal.WireNames;

/** Operators of a Kubernetes label selector requirement. */
public enum LabelSelectorOperator {
  /** {@code In} */
  IN("In"),
  /** {@code NotIn} */
  NOT_IN("NotIn"),
  /** {@code Exists} */
  EXISTS("Exists"),
  /** {@code DoesNotExist} */
  DOES_NOT_EXIST("DoesNotExist");

  private final String wireName;

  LabelSelectorOperator(String wireName) {
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
  public static LabelSelectorOperator fromWireName(String text) {
    return WireNames.parse(LabelSelectorOperator.class, text, LabelSelectorOperator::wireName);
  }
}
