package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.required;

import java.util.List;

/**
 * One {@code matchExpressions} entry of a label selector: {@code key}, {@code operator} and
 * {@code values} (required for In/NotIn, forbidden for Exists/DoesNotExist).
 *
 * <p>Immutable and thread-safe.
 */
public record LabelSelectorRequirement(
    String key, LabelSelectorOperator operator, List<String> values) {
  /** Validates. */
  public LabelSelectorRequirement {
    required("key", key);
    required("operator", operator);
    values = list("values", values);
    boolean needsValues =
        operator == LabelSelectorOperator.IN || operator == LabelSelectorOperator.NOT_IN;
    if (needsValues && values.isEmpty()) {
      throw new InvalidModelException(
          "values", "must be non-empty for operator " + operator.wireName());
    }
    if (!needsValues && !values.isEmpty()) {
      throw new InvalidModelException(
          "values", "must be empty for operator " + operator.wireName());
    }
  }
}
