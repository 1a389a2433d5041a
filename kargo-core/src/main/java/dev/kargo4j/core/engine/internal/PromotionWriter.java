package dev.kargo4j.core.engine.internal;

import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.spi.StaleVersionException;
import dev.kargo4j.core.spi.Store;
import java.util.Objects;

/**
 * The one way a Promotion is written to a {@link Store}, by the engine after each step and by
 * the pipeline when it ends a Promotion itself. Its policy:
 *
 * <ul>
 *   <li>a Promotion without a resourceVersion is created, or replaces the stored one of that
 *       name (a host running the engine on a Promotion it never stored);
 *   <li>a stale write (someone else saved the Promotion since it was read, e.g. an abort while
 *       a step ran) re-reads the stored Promotion: when that one is terminal it wins and is
 *       returned unchanged (a terminal phase is never overwritten by a writer that lost the
 *       race); otherwise the write is retried on the stored version, at most
 *       {@value #MAX_ATTEMPTS} times, then the {@link StaleVersionException} goes up;
 *   <li>a stale write of a Promotion no longer stored throws the {@link StaleVersionException}.
 * </ul>
 *
 * <p>Masking is not its business: the engine masks a Promotion's messages and outputs before
 * they reach the writer. Thread-safe when the store is.
 */
public final class PromotionWriter {
  /** How many stale writes in a row are retried before giving up. */
  static final int MAX_ATTEMPTS = 100;

  private final Store store;

  /** Writes to {@code store}. */
  public PromotionWriter(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Saves {@code promotion} by the policy above.
   *
   * @return the stored Promotion: the saved one (with its new resourceVersion), or the terminal
   *     one already stored
   * @throws StaleVersionException when the Promotion vanished, or kept changing under the write
   */
  public Promotion save(Promotion promotion) {
    Objects.requireNonNull(promotion, "promotion");
    String version = promotion.metadata().resourceVersion();
    if (version == null || version.isEmpty()) {
      if (store.getPromotion(promotion.project(), promotion.name()).isEmpty()) {
        return store.createPromotion(promotion);
      }
    }
    Promotion current = promotion;
    for (int attempt = 1; ; attempt++) {
      try {
        return store.updatePromotion(current);
      } catch (StaleVersionException e) {
        Promotion stored = store.getPromotion(promotion.project(), promotion.name()).orElseThrow(() -> e);
        if (stored.status().isTerminal()) {
          return stored;
        }
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        current = current.withMetadata(current.metadata().withResourceVersion(stored.metadata().resourceVersion()));
      }
    }
  }
}
