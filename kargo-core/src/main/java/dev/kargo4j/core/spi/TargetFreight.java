package dev.kargo4j.core.spi;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.Warehouse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Freight a promotion moves into its Stage: the target Freight, the whole collection the
 * Stage will hold afterwards, the Stage's freight requests, and the Warehouses they name (the
 * facts Kargo's steps use to find the images, commits and charts to use, e.g.
 * {@code kustomize-set-image} without explicit images).
 *
 * @param target the Freight being promoted
 * @param collection the collection the Stage will hold (target plus other requested origins)
 * @param requests the Stage's {@code requestedFreight}, in order
 * @param warehouses the project's Warehouses named by the requests, by name
 */
public record TargetFreight(
    Freight target,
    FreightCollection collection,
    List<FreightRequest> requests,
    Map<String, Warehouse> warehouses) {

  public TargetFreight {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(collection, "collection");
    requests = List.copyOf(requests);
    warehouses = Map.copyOf(warehouses);
  }

  /** The Warehouse a request of this Stage names, if the project has it. */
  public Optional<Warehouse> warehouse(FreightOrigin origin) {
    return Optional.ofNullable(warehouses.get(origin.name()));
  }
}
