package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.util.List;

/**
 * A copy of a Freight's identity and artifacts, as kept in Stage history and Promotions:
 * {@code name} (the Freight ID), {@code origin} (never null; empty when absent) and the
 * artifacts.
 *
 * <p>Immutable and thread-safe.
 */
public record FreightReference(
    String name,
    FreightOrigin origin,
    List<GitCommit> commits,
    List<Image> images,
    List<Chart> charts,
    List<ArtifactReference> artifacts) {

  /** Copies the lists. */
  public FreightReference {
    name = str(name);
    origin = origin == null ? new FreightOrigin("", "") : origin;
    commits = list("commits", commits);
    images = list("images", images);
    charts = list("charts", charts);
    artifacts = list("artifacts", artifacts);
  }
}
