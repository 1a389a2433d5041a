package dev.kargo4j.core.model;

import java.time.Instant;

/**
 * A manual approval of Freight for a Stage: {@code approvedAt} (may be null).
 *
 * <p>Immutable and thread-safe.
 */
public record ApprovedStage(Instant approvedAt) {}
