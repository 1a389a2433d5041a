package dev.kargo4j.core.spi;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.WarehouseStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where kargo4j keeps what Kargo keeps in Kubernetes: Freight, Promotions, and the status of
 * Stages and Warehouses (their specs come from manifests). Built in:
 * {@code dev.kargo4j.core.store.InMemoryStore} and {@code dev.kargo4j.core.store.DirectoryStore}
 * (the embedded default).
 *
 * <p><b>Optimistic concurrency.</b> Every stored object has a {@code resourceVersion}, a
 * decimal string assigned by the store (for Freight and Promotions in
 * {@code metadata.resourceVersion}, for statuses in {@link Versioned#resourceVersion()}). A
 * write must carry the version it read; if the object changed since, the write fails with
 * {@link StaleVersionException} naming the object and both versions. Creating an object that
 * exists fails with {@link ObjectAlreadyExistsException}; updating or deleting one that does
 * not fails with {@link ObjectNotFoundException}.
 *
 * <p><b>Objects.</b> Freight and Promotions are identified by (Project, name); the Project is
 * {@code metadata.namespace} and must be set. A Freight's non-empty {@code alias} is unique in
 * its Project ({@link DuplicateAliasException}). {@code create} sets
 * {@code metadata.creationTimestamp} from the store's clock when it is null; {@code update}
 * keeps the stored creation time when the new object has none. Lists are sorted by name.
 *
 * <p><b>Indexes.</b> Freight can be listed by Project, origin and Stage (currently in, verified
 * in, approved for); Promotions by Project, Stage and Freight.
 *
 * <p>Implementations must be thread-safe and must never return a partially written object.
 * Every failure is a {@link StoreException}; a damaged persistent object is a
 * {@link CorruptStoreException} naming it.
 */
public interface Store extends AutoCloseable {

  /** A status with the resourceVersion it was stored at. */
  record Versioned<T>(T value, String resourceVersion) {
    /** Both are required. */
    public Versioned {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(resourceVersion, "resourceVersion");
    }
  }

  /** How Freight relates to a Stage, for {@link #listFreightByStage}. */
  enum StageRelation {
    /** {@code status.currentlyIn} has the Stage. */
    CURRENTLY_IN,
    /** {@code status.verifiedIn} has the Stage. */
    VERIFIED_IN,
    /** {@code status.approvedFor} has the Stage. */
    APPROVED_FOR
  }

  // ---------------------------------------------------------------- Freight

  /**
   * Stores new Freight.
   *
   * @return the stored Freight, with its resourceVersion
   * @throws ObjectAlreadyExistsException when Freight of that name exists in the Project
   * @throws DuplicateAliasException when its alias is used by other Freight in the Project
   */
  Freight createFreight(Freight freight);

  /** The Freight {@code name} of {@code project}. */
  Optional<Freight> getFreight(String project, String name);

  /** The Freight of {@code project} whose alias is {@code alias}. */
  Optional<Freight> getFreightByAlias(String project, String alias);

  /**
   * Replaces stored Freight; {@code freight.metadata().resourceVersion()} must be the stored
   * version.
   *
   * @return the stored Freight, with its new resourceVersion
   * @throws StaleVersionException when the Freight changed since it was read
   * @throws ObjectNotFoundException when it does not exist
   * @throws DuplicateAliasException when its alias is used by other Freight in the Project
   */
  Freight updateFreight(Freight freight);

  /**
   * Deletes Freight.
   *
   * @param resourceVersion the version read, or null to delete whatever version is stored
   * @throws StaleVersionException when a version is given and it is not the stored one
   * @throws ObjectNotFoundException when it does not exist
   */
  void deleteFreight(String project, String name, String resourceVersion);

  /** All Freight of {@code project}. */
  List<Freight> listFreight(String project);

  /** The Freight of {@code project} from {@code origin}. */
  List<Freight> listFreightByOrigin(String project, FreightOrigin origin);

  /** The Freight of {@code project} related to {@code stage} as {@code relation} says. */
  List<Freight> listFreightByStage(String project, String stage, StageRelation relation);

  /**
   * The Freight of {@code project} from {@code origin} related to {@code stage} as
   * {@code relation} says, in name order. Stores with an index per Stage and origin answer
   * without reading the other origins' Freight; the default filters
   * {@link #listFreightByStage(String, String, StageRelation)}.
   */
  default List<Freight> listFreightByStage(String project, String stage, StageRelation relation,
      FreightOrigin origin) {
    return listFreightByStage(project, stage, relation).stream().filter(f -> f.origin().equals(origin)).toList();
  }

  // ---------------------------------------------------------------- Promotions

  /**
   * Stores a new Promotion.
   *
   * @throws ObjectAlreadyExistsException when a Promotion of that name exists in the Project
   */
  Promotion createPromotion(Promotion promotion);

  /** The Promotion {@code name} of {@code project}. */
  Optional<Promotion> getPromotion(String project, String name);

  /**
   * Replaces a stored Promotion; {@code metadata.resourceVersion} must be the stored version.
   *
   * @throws StaleVersionException when it changed since it was read
   * @throws ObjectNotFoundException when it does not exist
   */
  Promotion updatePromotion(Promotion promotion);

  /**
   * Deletes a Promotion.
   *
   * @param resourceVersion the version read, or null for any
   */
  void deletePromotion(String project, String name, String resourceVersion);

  /** All Promotions of {@code project}, by name (for Kargo's names: creation order). */
  List<Promotion> listPromotions(String project);

  /** The Promotions of {@code project} for {@code stage} ({@code spec.stage}). */
  List<Promotion> listPromotionsByStage(String project, String stage);

  /** The Promotions of {@code project} of {@code freight} ({@code spec.freight}). */
  List<Promotion> listPromotionsByFreight(String project, String freight);

  // ---------------------------------------------------------------- Stage status

  /** The status of Stage {@code stage} of {@code project}. */
  Optional<Versioned<StageStatus>> getStageStatus(String project, String stage);

  /**
   * Creates or replaces a Stage's status.
   *
   * @param expectedVersion the version read, or null (or empty) to create it
   * @return the stored status and its new version
   * @throws StaleVersionException when the stored version differs (or it exists and null was
   *     given)
   * @throws ObjectNotFoundException when a version is given and nothing is stored
   */
  Versioned<StageStatus> putStageStatus(
      String project, String stage, StageStatus status, String expectedVersion);

  /** Deletes a Stage's status; {@code expectedVersion} null for any. */
  void deleteStageStatus(String project, String stage, String expectedVersion);

  /** The statuses of all Stages of {@code project}, by Stage name. */
  Map<String, Versioned<StageStatus>> listStageStatuses(String project);

  // ---------------------------------------------------------------- Warehouse status

  /** The status of Warehouse {@code warehouse} of {@code project}. */
  Optional<Versioned<WarehouseStatus>> getWarehouseStatus(String project, String warehouse);

  /** As {@link #putStageStatus}, for a Warehouse. */
  Versioned<WarehouseStatus> putWarehouseStatus(
      String project, String warehouse, WarehouseStatus status, String expectedVersion);

  /** Deletes a Warehouse's status; {@code expectedVersion} null for any. */
  void deleteWarehouseStatus(String project, String warehouse, String expectedVersion);

  /** The statuses of all Warehouses of {@code project}, by Warehouse name. */
  Map<String, Versioned<WarehouseStatus>> listWarehouseStatuses(String project);

  // ---------------------------------------------------------------- lifecycle

  /** The Projects that have anything stored, sorted. */
  List<String> projects();

  /** Releases resources (for the directory store, its lock); the default does nothing. */
  @Override
  default void close() {}
}
