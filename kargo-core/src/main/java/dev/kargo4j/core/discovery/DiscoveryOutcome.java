package dev.kargo4j.core.discovery;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.Condition;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.WarehouseStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one discovery of a Warehouse did: its status (conditions, discovered artifacts, last
 * Freight ID), the Freight made of the newest artifacts ({@code freight}, null when none was
 * built: Manual policy, criteria not satisfied, nothing or too little discovered, or a
 * failure), whether that Freight was {@code created} now (false when it already existed), and
 * the {@code failure} that stopped discovery or Freight creation (null when none).
 *
 * <p>{@link WarehouseDiscoverer#discover} returns a <em>candidate</em> outcome: {@code freight}
 * is named by its Freight ID but has no alias and is not stored, and {@code created} is false.
 * The runtime admits the candidate and completes the outcome with
 * {@link #withAdmittedFreight} or {@link #withAdmissionFailure} (Kargo's
 * {@code FreightCreated} condition and {@code lastFreightID}) before it stores the status.
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

  /**
   * This candidate outcome once its Freight entered the Project: {@code stored} is the Freight
   * as stored (with its alias), {@code created} whether it was created now (Kargo's
   * {@code FreightCreated} condition: {@code NewFreight} or {@code AlreadyExists});
   * {@code lastFreightID} becomes its name.
   *
   * @throws IllegalStateException when this outcome has no candidate Freight
   */
  public DiscoveryOutcome withAdmittedFreight(Freight stored, boolean created) {
    Objects.requireNonNull(stored, "stored");
    if (freight == null) {
      throw new IllegalStateException("no candidate Freight to admit for Warehouse " + warehouse);
    }
    Condition c = created
        ? condition(WarehouseDiscoverer.FREIGHT_CREATED, "True", "NewFreight",
            "No Freight composed of the newest artifacts already existed")
        : condition(WarehouseDiscoverer.FREIGHT_CREATED, "False", "AlreadyExists",
            "Freight composed of the newest artifacts already exists");
    WarehouseStatus s = status.withConditions(with(status.conditions(), c)).withLastFreightID(stored.name());
    return new DiscoveryOutcome(project, warehouse, s, stored, created, failure);
  }

  /**
   * This candidate outcome when storing its Freight failed: the Warehouse becomes unhealthy
   * ({@code FreightBuildFailure}, as Kargo says it), no Freight, and {@code failure} set.
   */
  public DiscoveryOutcome withAdmissionFailure(KargoException e) {
    Objects.requireNonNull(e, "e");
    String msg = "Error creating Freight \"" + (freight == null ? "" : freight.name()) + "\" in namespace \""
        + project + "\": " + e.getMessage();
    List<Condition> list = with(status.conditions(), condition(WarehouseDiscoverer.HEALTHY, "False",
        "FreightBuildFailure", msg));
    list = with(list, condition(WarehouseDiscoverer.READY, "False", "FreightCreationFailure", msg));
    return new DiscoveryOutcome(project, warehouse, status.withConditions(list), null, false, e);
  }

  /** A condition at this discovery's time and generation, keeping the transition time when unchanged. */
  private Condition condition(String type, String value, String reason, String message) {
    Instant now = status.discoveredArtifacts() == null ? null : status.discoveredArtifacts().discoveredAt();
    Instant transition = condition(type).filter(old -> old.status().equals(value) && old.lastTransitionTime() != null)
        .map(Condition::lastTransitionTime).orElse(now);
    return new Condition(type, value, status.observedGeneration(), transition, reason, message);
  }

  private static List<Condition> with(List<Condition> conditions, Condition c) {
    List<Condition> out = new ArrayList<>();
    boolean replaced = false;
    for (Condition old : conditions) {
      if (old.type().equals(c.type())) {
        out.add(c);
        replaced = true;
      } else {
        out.add(old);
      }
    }
    if (!replaced) {
      out.add(c);
    }
    return out;
  }
}
