package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.subdomain;

/**
 * A step's {@code task}: the {@code name} of a PromotionTask (same Project) or
 * ClusterPromotionTask, per {@code kind} (default PromotionTask).
 *
 * <p>Immutable and thread-safe.
 */
public record PromotionTaskReference(String name, PromotionTaskKind kind) {
  /** Validates and applies the default kind. */
  public PromotionTaskReference {
    subdomain("name", name);
    kind = kind == null ? PromotionTaskKind.PROMOTION_TASK : kind;
  }
}
