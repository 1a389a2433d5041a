package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.time.Instant;

/**
 * A hold on auto-promotion for one origin of a Stage, set when a user promotes Freight other
 * than the auto-promotion candidate: {@code freightName}, {@code origin},
 * {@code promotionName}, {@code actor}, {@code createdAt} (may be null).
 *
 * <p>Immutable and thread-safe.
 */
public record AutoPromotionHold(
    String freightName,
    FreightOrigin origin,
    String promotionName,
    String actor,
    Instant createdAt) {
  /** Validates. */
  public AutoPromotionHold {
    freightName = str(freightName);
    required("origin", origin);
    promotionName = str(promotionName);
    actor = str(actor);
  }
}
