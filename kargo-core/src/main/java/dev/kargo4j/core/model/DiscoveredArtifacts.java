package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;

import java.time.Instant;
import java.util.List;

/**
 * The result of a Warehouse's last discovery: one entry per subscription in {@code git},
 * {@code images}, {@code charts} or {@code results}; {@code discoveredAt} may be null.
 *
 * <p>Immutable and thread-safe.
 */
public record DiscoveredArtifacts(
    Instant discoveredAt,
    List<GitDiscoveryResult> git,
    List<ImageDiscoveryResult> images,
    List<ChartDiscoveryResult> charts,
    List<DiscoveryResult> results) {
  /** Copies. */
  public DiscoveredArtifacts {
    git = list("git", git);
    images = list("images", images);
    charts = list("charts", charts);
    results = list("results", results);
  }
}
