package dev.kargo4j.core.pipeline;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.Warehouse;
import java.util.Optional;

/**
 * Runs discovery for one Warehouse on request (Kargo's refresh), for
 * {@link ProjectRuntime#refreshWarehouse}. The host wires it to its discovery (for example
 * {@code dev.kargo4j.core.discovery}); the runtime stores the returned Freight when the
 * discoverer has not already done so. Implementations are thread-safe.
 */
@FunctionalInterface
public interface WarehouseRefresher {

  /**
   * Discovers {@code warehouse}'s artifacts now.
   *
   * @return the Freight built from the newest artifacts, or empty when none was created (the
   *     Warehouse is unhealthy, Manual, or its criteria failed)
   */
  Optional<Freight> refresh(Warehouse warehouse);
}
