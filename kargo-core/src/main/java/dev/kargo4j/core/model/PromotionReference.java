package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;

import java.time.Instant;

/**
 * A Stage's {@code currentPromotion} or {@code lastPromotion}: the Promotion {@code name},
 * its target {@code freight}, its {@code status} and {@code finishedAt}; all but the name may
 * be null.
 *
 * <p>Immutable and thread-safe.
 */
public record PromotionReference(
    String name, FreightReference freight, PromotionStatus status, Instant finishedAt) {
  /** Validates. */
  public PromotionReference {
    required("name", name);
  }
}
