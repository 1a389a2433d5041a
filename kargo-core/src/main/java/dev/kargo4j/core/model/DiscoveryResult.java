package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.util.List;

/**
 * The artifacts discovered for one generic subscription ({@code results[]}), best first;
 * {@code subscriptionName} is YAML field {@code name}.
 *
 * <p>Immutable and thread-safe.
 */
public record DiscoveryResult(String subscriptionName, List<ArtifactReference> artifactReferences) {
  /** Copies. */
  public DiscoveryResult {
    subscriptionName = str(subscriptionName);
    artifactReferences = list("artifactReferences", artifactReferences);
  }
}
