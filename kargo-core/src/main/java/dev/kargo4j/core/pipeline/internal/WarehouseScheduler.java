package dev.kargo4j.core.pipeline.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.discovery.DiscoveryOutcome;
import dev.kargo4j.core.discovery.WarehouseDiscoverer;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.WarehouseStatus;
import dev.kargo4j.core.spi.StaleVersionException;
import dev.kargo4j.core.spi.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the Project's Warehouses, as Kargo's Warehouse controller does: each when it is due
 * (its {@code spec.interval} after the last discovery, on the runtime's clock) and on request
 * ({@code refreshWarehouse}). One discovery reads the stored status, lets the
 * {@link WarehouseDiscoverer} find the candidate Freight, admits it through
 * {@link FreightAdmission}, stores the completed status and announces the outcome.
 * Discoveries of one Warehouse are serialized. Thread-safe.
 */
final class WarehouseScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseScheduler.class);

  private final String project;
  private final Store store;
  private final Clock clock;
  private final WarehouseDiscoverer discoverer;
  private final FreightAdmission admission;
  private final Events events;
  private final boolean scheduled;
  private final BiConsumer<String, Instant> wakeAt;
  /** When each Warehouse is next due; a timer that fires earlier (after a refresh) does nothing. */
  private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  /**
   * @param scheduled whether Warehouses are discovered when due, or only on request
   * @param wakeAt asks for {@link #due} of a Warehouse at an instant of the clock
   */
  WarehouseScheduler(String project, Store store, Clock clock, WarehouseDiscoverer discoverer,
      FreightAdmission admission, Events events, boolean scheduled, BiConsumer<String, Instant> wakeAt) {
    this.project = project;
    this.store = store;
    this.clock = clock;
    this.discoverer = discoverer;
    this.admission = admission;
    this.events = events;
    this.scheduled = scheduled;
    this.wakeAt = wakeAt;
  }

  /** Plans the first discovery of each Warehouse: now when it is due, else when its interval has passed. */
  void start(Iterable<Warehouse> warehouses) {
    if (!scheduled) {
      return;
    }
    Instant now = clock.instant();
    for (Warehouse spec : warehouses) {
      Warehouse w = withStoredStatus(spec);
      Instant at = now;
      if (!discoverer.isDue(w)) {
        at = w.status().discoveredArtifacts().discoveredAt().plus(discoverer.interval(w));
      }
      plan(w, at);
    }
  }

  /** Whether the Warehouse's planned discovery is due now (a timer fired). */
  boolean isDue(String warehouse) {
    Instant at = nextDue.get(warehouse);
    return at != null && !at.isAfter(clock.instant());
  }

  /** {@link #discover}s {@code spec} when its planned discovery is due (checked under its lock). */
  void discoverIfDue(Warehouse spec) {
    synchronized (lock(spec)) {
      if (isDue(spec.name())) {
        discover(spec);
      }
    }
  }

  private Object lock(Warehouse spec) {
    return locks.computeIfAbsent(spec.name(), k -> new Object());
  }

  /**
   * Discovers {@code spec} now, admits the Freight it makes, stores and announces the outcome,
   * and plans the next scheduled discovery an interval from now.
   *
   * @throws KargoException when the store fails
   */
  DiscoveryOutcome discover(Warehouse spec) {
    synchronized (lock(spec)) {
      DiscoveryOutcome outcome;
      try {
        outcome = admit(discoverer.discover(withStoredStatus(spec)));
        outcome = save(outcome);
      } finally {
        // even after a failure, the next try is an interval away: never a tight loop
        plan(spec, clock.instant().plus(discoverer.interval(spec)));
      }
      if (outcome.failure() != null) {
        LOG.info("discovery of Warehouse {}/{} failed: {}", project, spec.name(), outcome.failure().getMessage());
      }
      events.warehouseDiscovered(outcome);
      return outcome;
    }
  }

  private DiscoveryOutcome admit(DiscoveryOutcome candidate) {
    if (candidate.freight() == null) {
      return candidate;
    }
    try {
      FreightAdmission.Admitted a = admission.admit(candidate.freight());
      return candidate.withAdmittedFreight(a.freight(), a.created());
    } catch (KargoException e) {
      return candidate.withAdmissionFailure(e);
    }
  }

  private void plan(Warehouse w, Instant at) {
    if (scheduled) {
      nextDue.put(w.name(), at);
      wakeAt.accept(w.name(), at);
    }
  }

  private Warehouse withStoredStatus(Warehouse spec) {
    return store.getWarehouseStatus(project, spec.name()).map(v -> spec.withStatus(v.value())).orElse(spec);
  }

  /** Stores the status; this discovery is the newest, so it wins over a concurrent writer. */
  private DiscoveryOutcome save(DiscoveryOutcome o) {
    for (int attempt = 0; ; attempt++) {
      String version = store.getWarehouseStatus(project, o.warehouse()).map(Store.Versioned::resourceVersion)
          .orElse(null);
      try {
        WarehouseStatus stored = store.putWarehouseStatus(project, o.warehouse(), o.status(), version).value();
        return new DiscoveryOutcome(o.project(), o.warehouse(), stored, o.freight(), o.created(), o.failure());
      } catch (StaleVersionException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }
}
