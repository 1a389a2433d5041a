package dev.kargo4j.core.engine;

import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.StepExecutionMetadata;

/**
 * Receives a promotion's progress as it happens, so that hosts can log, notify or draw it.
 * Called on the thread running the promotion; implementations must be quick and should not
 * throw: whatever one throws (an {@link Error} included; only a broken JVM's
 * {@code InternalError} goes on up) is logged and ignored. Messages are already free of secrets.
 */
public interface PromotionListener {

  /** No-op listener. */
  PromotionListener NONE = new PromotionListener() {};

  /** A step changed state: it was skipped, finished, or is waiting to run again. */
  default void stepUpdated(Promotion promotion, StepExecutionMetadata step) {}

  /** The promotion's phase changed (Running, or a terminal phase). */
  default void phaseChanged(Promotion promotion) {}
}
