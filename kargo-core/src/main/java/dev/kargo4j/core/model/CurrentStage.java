package dev.kargo4j.core.model;

import java.time.Instant;

/**
 * Freight's presence in a Stage: {@code since} when it has been there (may be null).
 *
 * <p>Immutable and thread-safe.
 */
public record CurrentStage(Instant since) {}
