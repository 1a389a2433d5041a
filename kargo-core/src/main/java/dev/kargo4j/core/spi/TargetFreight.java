package dev.kargo4j.core.spi;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightReference;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.PromotionReference;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 *
 * <p>Hosts and the runtime build one with {@link #forStage}; the canonical constructor is for
 * tests that need an unusual shape. Immutable and thread-safe.
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

  /**
   * The target Freight of a Promotion of {@code target} to {@code stage}, as Kargo's promotion
   * controller builds it ({@code buildTargetFreightCollection}): for a Stage requesting
   * Freight of several origins, the collection holds the Freight of its other requested
   * origins from its last Promotion ({@code status.lastPromotion}), then {@code target}; the
   * Warehouses are those of {@code projectWarehouses} that the Stage's requests name.
   *
   * @param stage the Stage, with its status
   * @param target the Freight being promoted
   * @param projectWarehouses the project's Warehouses by name (others are ignored)
   */
  public static TargetFreight forStage(Stage stage, Freight target, Map<String, Warehouse> projectWarehouses) {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(target, "target");
    List<FreightRequest> requests = stage.spec().requestedFreight();
    List<FreightReference> refs = new ArrayList<>();
    PromotionReference last = stage.status().lastPromotion();
    if (requests.size() > 1 && last != null && last.status() != null && last.status().freightCollection() != null) {
      for (FreightRequest req : requests) {
        FreightReference f = last.status().freightCollection().items().get(req.origin().toString());
        if (f != null) {
          refs.add(f);
        }
      }
    }
    refs.add(target.reference());
    return new TargetFreight(target, FreightCollection.of(refs), requests, warehousesOf(requests, projectWarehouses));
  }

  /**
   * A copy with another collection: the Stage's current Freight, e.g. when a verification's
   * arguments are rendered after the Promotion.
   */
  public TargetFreight withCollection(FreightCollection newCollection) {
    return new TargetFreight(target, newCollection, requests, warehouses);
  }

  private static Map<String, Warehouse> warehousesOf(List<FreightRequest> requests, Map<String, Warehouse> known) {
    Map<String, Warehouse> out = new LinkedHashMap<>();
    for (FreightRequest r : requests) {
      Warehouse w = known.get(r.origin().name());
      if (w != null) {
        out.put(w.name(), w);
      }
    }
    return out;
  }

  /** The Warehouse a request of this Stage names, if the project has it. */
  public Optional<Warehouse> warehouse(FreightOrigin origin) {
    return Optional.ofNullable(warehouses.get(origin.name()));
  }
}
