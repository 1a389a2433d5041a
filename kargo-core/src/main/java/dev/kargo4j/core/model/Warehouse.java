package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.subdomain;

/**
 * A Warehouse: a source of Freight ({@code kargo.akuity.io/v1alpha1}). {@code metadata.name}
 * is required; {@code status} is never null.
 *
 * <p>Immutable and thread-safe.
 */
public record Warehouse(ObjectMeta metadata, WarehouseSpec spec, WarehouseStatus status) {

  /** Validates. */
  public Warehouse {
    required("metadata", metadata);
    subdomain("metadata.name", metadata.name());
    required("spec", spec);
    status = status == null ? WarehouseStatus.EMPTY : status;
  }

  /** The name. */
  public String name() {
    return metadata.name();
  }

  /** The Project (namespace). */
  public String project() {
    return metadata.namespace();
  }

  /** This Warehouse as a Freight origin. */
  public FreightOrigin origin() {
    return FreightOrigin.warehouse(metadata.name());
  }

  /** A copy with another status. */
  public Warehouse withStatus(WarehouseStatus newStatus) {
    return new Warehouse(metadata, spec, newStatus);
  }

  /** A copy with other metadata. */
  public Warehouse withMetadata(ObjectMeta newMetadata) {
    return new Warehouse(newMetadata, spec, status);
  }
}
