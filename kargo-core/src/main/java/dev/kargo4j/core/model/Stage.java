package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.subdomain;

/**
 * A Stage ({@code kargo.akuity.io/v1alpha1}): a promotion target. {@code metadata.name} is
 * required; {@code status} is never null.
 *
 * <p>Immutable and thread-safe.
 */
public record Stage(ObjectMeta metadata, StageSpec spec, StageStatus status) {

  /** Validates. */
  public Stage {
    required("metadata", metadata);
    subdomain("metadata.name", metadata.name());
    required("spec", spec);
    status = status == null ? StageStatus.EMPTY : status;
  }

  /** The name. */
  public String name() {
    return metadata.name();
  }

  /** The Project (namespace). */
  public String project() {
    return metadata.namespace();
  }

  /** Kargo's {@code IsControlFlow}: a Stage without promotion steps. */
  public boolean isControlFlow() {
    return spec.promotionTemplate() == null || spec.promotionTemplate().steps().isEmpty();
  }

  /** Whether the Stage requests Freight from {@code origin}. */
  public boolean requests(FreightOrigin origin) {
    return spec.requestedFreight().stream().anyMatch(r -> r.origin().equals(origin));
  }

  /** A copy with another status. */
  public Stage withStatus(StageStatus newStatus) {
    return new Stage(metadata, spec, newStatus);
  }

  /** A copy with other metadata. */
  public Stage withMetadata(ObjectMeta newMetadata) {
    return new Stage(newMetadata, spec, status);
  }

  /** A copy with another spec. */
  public Stage withSpec(StageSpec newSpec) {
    return new Stage(metadata, newSpec, status);
  }
}
