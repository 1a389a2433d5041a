package dev.kargo4j.core.engine.internal;

import dev.kargo4j.core.model.PromotionPhase;
import java.time.Duration;

/**
 * The result of one orchestrator pass.
 *
 * @param phase Running, or a terminal phase
 * @param message why, for terminal non-success phases
 * @param retryAfter for Running: when the current step wants to run again
 */
public record Outcome(PromotionPhase phase, String message, Duration retryAfter) {}
