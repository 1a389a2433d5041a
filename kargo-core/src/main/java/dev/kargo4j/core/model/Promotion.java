package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.subdomain;

/**
 * A Promotion ({@code kargo.akuity.io/v1alpha1}): one run of a Stage's steps for one Freight.
 * {@code metadata.name} is required; {@code status} is never null.
 *
 * <p>Immutable and thread-safe.
 */
public record Promotion(ObjectMeta metadata, PromotionSpec spec, PromotionStatus status) {

  /** Validates. */
  public Promotion {
    required("metadata", metadata);
    subdomain("metadata.name", metadata.name());
    required("spec", spec);
    status = status == null ? PromotionStatus.EMPTY : status;
  }

  /** The name. */
  public String name() {
    return metadata.name();
  }

  /** The Project (namespace). */
  public String project() {
    return metadata.namespace();
  }

  /** A copy with another status. */
  public Promotion withStatus(PromotionStatus newStatus) {
    return new Promotion(metadata, spec, newStatus);
  }

  /** A copy with other metadata. */
  public Promotion withMetadata(ObjectMeta newMetadata) {
    return new Promotion(newMetadata, spec, status);
  }

  /** A copy with another spec. */
  public Promotion withSpec(PromotionSpec newSpec) {
    return new Promotion(metadata, newSpec, status);
  }
}
