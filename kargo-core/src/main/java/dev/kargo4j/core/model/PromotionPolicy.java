package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;

/**
 * One of a ProjectConfig's {@code promotionPolicies}: which Stages it applies to
 * ({@code stageSelector}; the deprecated {@code stage} is read as a selector by name) and
 * whether auto-promotion is enabled for them (default false).
 *
 * <p>Immutable and thread-safe.
 */
public record PromotionPolicy(StageSelector stageSelector, boolean autoPromotionEnabled) {
  /** Validates. */
  public PromotionPolicy {
    required("stageSelector", stageSelector);
  }
}
