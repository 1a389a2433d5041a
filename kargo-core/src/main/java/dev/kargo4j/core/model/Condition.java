package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.time.Instant;

/**
 * A Kubernetes status condition ({@code metav1.Condition}): {@code type} (e.g. {@code Ready},
 * {@code Healthy}), {@code status} ({@code True}, {@code False} or {@code Unknown}),
 * {@code reason}, {@code message}. {@code lastTransitionTime} may be null.
 *
 * <p>Immutable and thread-safe.
 */
public record Condition(
    String type,
    String status,
    long observedGeneration,
    Instant lastTransitionTime,
    String reason,
    String message) {

  /** Requires {@code type} and {@code status}. */
  public Condition {
    required("type", type);
    required("status", status);
    reason = str(reason);
    message = str(message);
  }
}
