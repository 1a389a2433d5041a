package dev.kargo4j.core.discovery;

import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.pipeline.DiscoveryOptions;
import dev.kargo4j.core.pipeline.ProjectRuntime;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.spi.SubscriptionSource;
import java.time.Clock;
import java.util.List;

/**
 * Discovers one Warehouse as a host does, through a {@link ProjectRuntime} over the given store
 * (so the Freight is admitted and the status stored), for tests that change the Warehouse
 * between discoveries: each call runs a runtime whose manifests hold exactly that Warehouse.
 */
final class RuntimeDiscovery {
  private final Store store;
  private final Clock clock;
  private final SubscriptionSourceRegistry sources;
  private final CredentialsProvider credentials;
  private final WarehouseDiscoverer plain;

  RuntimeDiscovery(Store store, Clock clock, SubscriptionSourceRegistry sources, CredentialsProvider credentials) {
    this.store = store;
    this.clock = clock;
    this.sources = sources;
    this.credentials = credentials;
    // validates the sources' capabilities as the runtime does, and answers isDue
    this.plain = WarehouseDiscoverer.builder().sources(sources).clock(clock).credentials(credentials).build();
  }

  RuntimeDiscovery(Store store, Clock clock, SubscriptionSource... sources) {
    this(store, clock, SubscriptionSourceRegistry.of(sources), CredentialsProvider.NONE);
  }

  /** Discovers {@code w} now through a runtime, as {@link ProjectRuntime#discoverWarehouse} does. */
  DiscoveryOutcome discover(Warehouse w) {
    ManifestSet m = new ManifestSet(List.of(), List.of(), List.of(w), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    try (ProjectRuntime r = ProjectRuntime.builder().manifests(m).store(store).clock(clock).steps(StepRegistry.of())
        .manualTimers().capability(Capability.CREDENTIALS, credentials)
        .discovery(sources, DiscoveryOptions.onDemand()).build()) {
      return r.discoverWarehouse(w.name());
    }
  }

  /** Whether {@code w}, with its stored status, is due. */
  boolean isDue(Warehouse w) {
    return plain.isDue(store.getWarehouseStatus(w.project(), w.name()).map(v -> w.withStatus(v.value())).orElse(w));
  }
}
