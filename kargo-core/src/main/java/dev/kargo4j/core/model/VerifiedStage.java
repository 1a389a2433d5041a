package dev.kargo4j.core.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Freight's verification in a Stage: {@code verifiedAt} and {@code longestSoak}, the longest
 * completed time it spent in the Stage (YAML field {@code longestSoak}); both may be null.
 *
 * <p>Immutable and thread-safe.
 */
public record VerifiedStage(Instant verifiedAt, Duration longestSoak) {
  /** Checks the duration range. */
  public VerifiedStage {
    dev.kargo4j.core.model.internal.Checks.goDuration("longestSoak", longestSoak);
  }
}
