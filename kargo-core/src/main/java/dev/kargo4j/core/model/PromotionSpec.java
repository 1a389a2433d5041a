package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.optionalSubdomain;
import static dev.kargo4j.core.model.internal.Checks.subdomain;

import java.util.List;

/**
 * A Promotion's spec: the target {@code stage}, exactly one of {@code freight} (a Freight name)
 * or {@code origin} (resolved to the current candidate; null when absent), Promotion
 * {@code vars} (Stage vars, then template vars) and the inflated {@code steps} (at least one,
 * each {@code uses}-only).
 *
 * <p>Immutable and thread-safe.
 */
public record PromotionSpec(
    String stage,
    String freight,
    FreightOrigin origin,
    List<ExpressionVariable> vars,
    List<PromotionStep> steps) {

  /** Validates. */
  public PromotionSpec {
    subdomain("stage", stage);
    freight = optionalSubdomain("freight", freight);
    if (freight.isEmpty() == (origin == null)) {
      throw new InvalidModelException("", "exactly one of freight or origin must be set");
    }
    vars = list("vars", vars);
    steps = list("steps", steps);
    if (steps.isEmpty()) {
      throw new InvalidModelException("steps", "at least one step is required");
    }
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).task() != null) {
        throw new InvalidModelException(
            "steps[" + i + "].task",
            "a Promotion step must have uses set and must not reference a task");
      }
    }
  }

  /** A copy targeting another Freight (clears the origin). */
  public PromotionSpec withFreight(String freightName) {
    return new PromotionSpec(stage, freightName, null, vars, steps);
  }
}
