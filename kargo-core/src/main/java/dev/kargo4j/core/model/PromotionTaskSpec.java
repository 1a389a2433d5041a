package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;

import java.util.List;

/**
 * The spec of a PromotionTask or ClusterPromotionTask: task {@code vars} (a var without a
 * value must be supplied by the referencing step) and {@code steps} (at least one,
 * {@code uses}-only, aliases unique and not reserved).
 *
 * <p>Immutable and thread-safe.
 */
public record PromotionTaskSpec(List<ExpressionVariable> vars, List<PromotionStep> steps) {
  /** Validates. */
  public PromotionTaskSpec {
    vars = list("vars", vars);
    steps = list("steps", steps);
    if (steps.isEmpty()) {
      throw new InvalidModelException("steps", "at least one step is required");
    }
    try {
      PromotionStep.validateAliases(steps, false);
    } catch (InvalidModelException e) {
      throw e.under("steps");
    }
  }
}
