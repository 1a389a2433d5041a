package dev.kargo4j.core.pipeline;

import dev.kargo4j.core.discovery.DiscoveryOutcome;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.Health;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.core.model.VerificationInfo;

/**
 * Receives what happens in a {@link ProjectRuntime} as it happens, so that hosts can log,
 * notify or draw progress. Every method has an empty default. Called on the thread doing the
 * work (a Stage's worker, or the caller of an API method); implementations must be quick,
 * thread-safe and should not throw: whatever one throws (an {@link Error} such as
 * {@code NoClassDefFoundError} included; only a broken JVM's {@code InternalError} goes on up)
 * is logged and ignored, and the other listeners and the runtime go on. Messages carry no
 * secrets.
 */
public interface PipelineListener {

  /** A listener that ignores everything. */
  PipelineListener NONE = new PipelineListener() {};

  /** Freight was created (by a host call or discovery); once per Freight. */
  default void freightCreated(Freight freight) {}

  /**
   * A Warehouse was discovered (when due, or on request): {@code outcome} holds the stored
   * status, the Freight its newest artifacts make, whether it was created now, and the failure
   * that stopped discovery, if any.
   */
  default void warehouseDiscovered(DiscoveryOutcome outcome) {}

  /** Freight's status changed: it entered or left a Stage, was verified in or approved for one. */
  default void freightStatusChanged(Freight freight) {}

  /** A Promotion was queued (by a user request or auto-promotion). */
  default void promotionCreated(Promotion promotion) {}

  /** A Promotion's phase changed (Running, or a terminal phase). */
  default void promotionPhaseChanged(Promotion promotion) {}

  /** A step of a running Promotion was skipped, finished, or is waiting to run again. */
  default void stepUpdated(Promotion promotion, StepExecutionMetadata step) {}

  /**
   * A verification of a Stage's current Freight started, progressed or finished.
   *
   * @param stage the Stage's name
   * @param collection the Stage's current Freight collection (with {@code info} in its history)
   * @param info the verification
   */
  default void verificationUpdated(String stage, FreightCollection collection, VerificationInfo info) {}

  /** A Stage's assessed health changed. */
  default void healthChanged(String stage, Health health) {}
}
