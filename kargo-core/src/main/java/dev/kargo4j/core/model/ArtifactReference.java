package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.str;

import dev.kargo4j.core.model.internal.JsonTrees;

/**
 * An artifact found by a generic subscription: {@code artifactType}, the
 * {@code subscriptionName} that found it, its {@code version} and free-form {@code metadata}
 * (a JSON-like value, null when absent).
 *
 * <p>Immutable and thread-safe.
 */
public record ArtifactReference(
    String artifactType, String subscriptionName, String version, Object metadata) {

  /** Null strings become empty; metadata is deep-copied. */
  public ArtifactReference {
    artifactType = str(artifactType);
    subscriptionName = str(subscriptionName);
    version = str(version);
    metadata = JsonTrees.copy("metadata", metadata);
  }
}
