package dev.kargo4j.core.discovery;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.Condition;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.WarehouseStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * What one discovery of a Warehouse did: the status it stored (conditions, discovered
 * artifacts, last Freight ID), the Freight made of the newest artifacts ({@code freight}, null
 * when none was built: Manual policy, criteria not satisfied, nothing or too little
 * discovered, or a failure), whether that Freight was {@code created} now (false when it already
 * existed), and the {@code failure} that stopped discovery or Freight creation (null when none).
 *
 * <p>Immutable and thread-safe.
 */
public record DiscoveryOutcome(
    String project, String warehouse, WarehouseStatus status, Freight freight, boolean created, KargoException failure) {

  /** Validates. */
  public DiscoveryOutcome {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(status, "status");
    if (created && freight == null) {
      throw new IllegalArgumentException("created requires the Freight");
    }
  }

  /** The condition of {@code type} ({@code Healthy}, {@code Ready}, ...), if set. */
  public Optional<Condition> condition(String type) {
    return status.conditions().stream().filter(c -> c.type().equals(type)).findFirst();
  }

  /** Whether the Warehouse's {@code Healthy} condition is {@code True}. */
  public boolean healthy() {
    return condition(WarehouseDiscoverer.HEALTHY).map(c -> c.status().equals("True")).orElse(false);
  }

  /** The Freight made of the newest artifacts, if one was built. */
  public Optional<Freight> freightIfAny() {
    return Optional.ofNullable(freight);
  }
}
