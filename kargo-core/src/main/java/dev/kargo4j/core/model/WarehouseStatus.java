package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.util.List;

/**
 * A Warehouse's status: {@code conditions}, {@code lastHandledRefresh},
 * {@code observedGeneration}, {@code lastFreightID} and {@code discoveredArtifacts} (null
 * before the first discovery).
 *
 * <p>Immutable and thread-safe.
 */
public record WarehouseStatus(
    List<Condition> conditions,
    String lastHandledRefresh,
    long observedGeneration,
    String lastFreightID,
    DiscoveredArtifacts discoveredArtifacts) {

  /** The empty status. */
  public static final WarehouseStatus EMPTY = new WarehouseStatus(null, "", 0, "", null);

  /** Copies. */
  public WarehouseStatus {
    conditions = list("conditions", conditions);
    lastHandledRefresh = str(lastHandledRefresh);
    lastFreightID = str(lastFreightID);
  }

  /** A copy with other conditions. */
  public WarehouseStatus withConditions(List<Condition> newConditions) {
    return new WarehouseStatus(newConditions, lastHandledRefresh, observedGeneration, lastFreightID, discoveredArtifacts);
  }

  /** A copy with another last Freight ID. */
  public WarehouseStatus withLastFreightID(String id) {
    return new WarehouseStatus(conditions, lastHandledRefresh, observedGeneration, id, discoveredArtifacts);
  }

  /** A copy with other discovered artifacts. */
  public WarehouseStatus withDiscoveredArtifacts(DiscoveredArtifacts artifacts) {
    return new WarehouseStatus(conditions, lastHandledRefresh, observedGeneration, lastFreightID, artifacts);
  }

  /** A copy with another handled refresh token. */
  public WarehouseStatus withLastHandledRefresh(String token) {
    return new WarehouseStatus(conditions, token, observedGeneration, lastFreightID, discoveredArtifacts);
  }
}
