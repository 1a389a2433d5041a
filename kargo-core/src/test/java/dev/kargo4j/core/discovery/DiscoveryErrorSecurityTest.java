package dev.kargo4j.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.WarehouseSpec;
import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.pipeline.PipelineListener;
import dev.kargo4j.core.pipeline.ProjectRuntime;
import dev.kargo4j.core.spi.DiscoveryContext;
import dev.kargo4j.core.spi.SubscriptionSource;
import dev.kargo4j.core.store.InMemoryStore;
import dev.kargo4j.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, finding 5 (discovery): a subscription source or a discovery listener that throws an
 * {@link Error} must fail only its own Warehouse; the round and the schedule go on.
 */
class DiscoveryErrorSecurityTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T12:00:00Z"));
  private final InMemoryStore store = InMemoryStore.create(clock);

  @Test
  void aSourceOrListenerThrowingAnErrorFailsOnlyItsWarehouse() {
    AtomicBoolean sourceArmed = new AtomicBoolean(true);
    SubscriptionSource hostile = new SubscriptionSource() {
      private final WarehouseDiscovererTest.FakeImages delegate = new WarehouseDiscovererTest.FakeImages();

      @Override
      public String type() {
        return "image";
      }

      @Override
      public DiscoveredArtifacts discover(Subscription s, DiscoveryContext ctx) {
        if (sourceArmed.getAndSet(false)) {
          throw new NoClassDefFoundError("com/example/RegistryClient");
        }
        return delegate.discover(s, ctx);
      }
    };
    RuntimeDiscovery d = new RuntimeDiscovery(store, clock, hostile);
    Warehouse a = warehouse("a");
    Warehouse b = warehouse("b");
    Warehouse c = warehouse("c");
    // the source's Error is the discovery's failure, reported as such
    DiscoveryOutcome failed = d.discover(a);
    assertThat(failed.toString()).contains("NoClassDefFoundError");

    List<String> heard = new CopyOnWriteArrayList<>();
    AtomicBoolean listenerArmed = new AtomicBoolean(true);
    ManifestSet m = new ManifestSet(List.of(), List.of(), List.of(b, c), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    try (ProjectRuntime r = ProjectRuntime.builder().manifests(m).store(store).clock(clock).steps(StepRegistry.of())
        .manualTimers().discovery(SubscriptionSourceRegistry.of(hostile)).listener(new PipelineListener() {
          @Override
          public void warehouseDiscovered(DiscoveryOutcome o) {
            if (o.warehouse().equals("b") && listenerArmed.getAndSet(false)) {
              throw new AssertionError("listener bug");
            }
            heard.add(o.warehouse());
          }
        }).build()) {
      r.runUntilIdle();
      assertThat(heard).containsExactly("c");
      // the schedule goes on: both are discovered again an interval later
      clock.advance(Duration.ofMinutes(5));
      r.runUntilIdle();
      assertThat(heard).containsExactlyInAnyOrder("c", "b", "c");
    }
  }

  private static Warehouse warehouse(String name) {
    return new Warehouse(ObjectMeta.of("demo", name), WarehouseSpec.of(List.<Subscription>of(
        ImageSubscription.of("ghcr.io/example/" + name))), null);
  }
}
