package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;

import java.util.List;

/**
 * A Stage's {@code promotionTemplate.spec}: template {@code vars} and {@code steps} (at least
 * one; each {@code uses} or {@code task}; aliases unique and not reserved).
 *
 * <p>Immutable and thread-safe.
 */
public record PromotionTemplate(List<ExpressionVariable> vars, List<PromotionStep> steps) {
  /** Validates. */
  public PromotionTemplate {
    vars = list("vars", vars);
    steps = list("steps", steps);
    if (steps.isEmpty()) {
      throw new InvalidModelException("steps", "at least one step is required");
    }
    try {
      PromotionStep.validateAliases(steps, true);
    } catch (InvalidModelException e) {
      throw e.under("steps");
    }
  }
}
