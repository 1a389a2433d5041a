package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;

/**
 * One entry of a Stage's {@code requestedFreight}: Freight of {@code origin} (a Warehouse) from
 * {@code sources}.
 *
 * <p>Immutable and thread-safe.
 */
public record FreightRequest(FreightOrigin origin, FreightSources sources) {
  /** Validates: the origin must be a named Warehouse. */
  public FreightRequest {
    required("origin", origin);
    if (!FreightOrigin.WAREHOUSE.equals(origin.kind())) {
      throw new InvalidModelException(
          "origin.kind", "\"" + origin.kind() + "\" is not allowed; allowed: Warehouse");
    }
    required("origin.name", origin.name());
    required("sources", sources);
  }
}
