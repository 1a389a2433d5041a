package dev.kargo4j.core.model;

/**
 * How auto-promotion picks Freight for one requested origin: {@code selectionPolicy}
 * (default NewestFreight).
 *
 * <p>Immutable and thread-safe.
 */
public record AutoPromotionOptions(AutoPromotionSelectionPolicy selectionPolicy) {
  /** Applies the default. */
  public AutoPromotionOptions {
    selectionPolicy =
        selectionPolicy == null ? AutoPromotionSelectionPolicy.NEWEST_FREIGHT : selectionPolicy;
  }
}
