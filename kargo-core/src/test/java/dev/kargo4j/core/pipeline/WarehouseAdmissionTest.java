package dev.kargo4j.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.discovery.SubscriptionSourceRegistry;
import dev.kargo4j.core.discovery.DiscoveryOutcome;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.DiscoveredImageReference;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.ImageDiscoveryResult;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.spi.DiscoveryContext;
import dev.kargo4j.core.spi.SubscriptionSource;
import dev.kargo4j.core.store.InMemoryStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Freight that a Warehouse refresh through the runtime discovers enters the Project as created Freight does. */
class WarehouseAdmissionTest {
  private static final String AUTO = """
      apiVersion: kargo.akuity.io/v1alpha1
      kind: ProjectConfig
      metadata: {name: demo, namespace: demo}
      spec:
        promotionPolicies:
        - stageSelector: {name: dev}
          autoPromotionEnabled: true
      ---
      """;

  /** An image source answering one settable tag. */
  static final class OneTag implements SubscriptionSource {
    volatile String tag = "1.0.0";

    @Override
    public String type() {
      return "image";
    }

    @Override
    public DiscoveredArtifacts discover(Subscription s, DiscoveryContext ctx) {
      ImageSubscription sub = (ImageSubscription) s;
      return new DiscoveredArtifacts(null, List.of(), List.of(new ImageDiscoveryResult(sub.repoURL(), "",
          List.of(new DiscoveredImageReference(tag, "sha256:" + tag.hashCode(), Map.of(), ctx.clock().instant())),
          sub.name())), List.of(), List.of());
    }
  }

  private static PipelineListener recordCreated(List<String> created) {
    return new PipelineListener() {
      @Override
      public void freightCreated(Freight freight) {
        created.add(freight.name());
      }
    };
  }

  @Test
  void aRefreshAnnouncesNewFreightOnceAndAutoPromotesIt() {
    List<String> created = new CopyOnWriteArrayList<>();
    OneTag source = new OneTag();
    InMemoryStore store = InMemoryStore.create(dev.kargo4j.testkit.ManualClock.at(Fixture.T0));
    try (Fixture fx = new Fixture(AUTO + Fixture.stage("dev", "{direct: true}"), store, b -> b
        .discovery(SubscriptionSourceRegistry.of(source), DiscoveryOptions.onDemand())
        .listener(recordCreated(created)))) {
      fx.settle();
      Optional<Freight> found = fx.runtime.refreshWarehouse("app");
      assertThat(found).isPresent();
      fx.settle();
      assertThat(created).as("freightCreated events").containsExactly(found.get().name());
      assertThat(fx.steps.promoted.get("dev")).as("auto-promoted into dev").containsExactly(found.get().name());
      assertThat(fx.get(found.get().name()).alias()).matches("[a-z]+-[a-z]+(-\\d+)?");

      // the same artifacts again: nothing new is announced or promoted
      DiscoveryOutcome again = fx.runtime.discoverWarehouse("app");
      fx.settle();
      assertThat(again.created()).isFalse();
      assertThat(again.freight().name()).isEqualTo(found.get().name());
      assertThat(again.condition("FreightCreated").get().reason()).isEqualTo("AlreadyExists");
      assertThat(created).hasSize(1);
      assertThat(fx.steps.promoted.get("dev")).hasSize(1);
      assertThat(store.getWarehouseStatus("demo", "app")).get()
          .satisfies(v -> assertThat(v.value().lastFreightID()).isEqualTo(found.get().name()));
    }
  }

  @Test
  void theRuntimeDiscoversEachWarehouseWhenItsIntervalHasPassed() {
    List<String> created = new CopyOnWriteArrayList<>();
    List<DiscoveryOutcome> outcomes = new CopyOnWriteArrayList<>();
    OneTag source = new OneTag();
    try (Fixture fx = new Fixture(AUTO + Fixture.stage("dev", "{direct: true}"),
        InMemoryStore.create(dev.kargo4j.testkit.ManualClock.at(Fixture.T0)), b -> b
        .discovery(SubscriptionSourceRegistry.of(source))
        .listener(recordCreated(created))
        .listener(new PipelineListener() {
          @Override
          public void warehouseDiscovered(DiscoveryOutcome outcome) {
            if (outcome.warehouse().equals("app")) {
              outcomes.add(outcome);
            }
          }
        }))) {
      // nothing discovered yet: due at once
      fx.settle();
      assertThat(outcomes).hasSize(1);
      String first = outcomes.get(0).freight().name();
      assertThat(fx.steps.promoted.get("dev")).containsExactly(first);

      // a new tag is not seen before the Warehouse's interval (Kargo's default 5m) has passed
      source.tag = "2.0.0";
      fx.settle(Duration.ofMinutes(4));
      assertThat(outcomes).hasSize(1);
      fx.settle(Duration.ofMinutes(1));
      assertThat(outcomes).hasSize(2);
      String second = outcomes.get(1).freight().name();
      assertThat(outcomes.get(1).created()).isTrue();
      assertThat(fx.steps.promoted.get("dev")).containsExactly(first, second);
      // Warehouses app and db: one Freight each per tag
      assertThat(created).hasSize(4).contains(first, second);

      // a refresh on demand runs the same path and moves the next scheduled discovery
      fx.settle(Duration.ofMinutes(2));
      fx.runtime.refreshWarehouse("app");
      assertThat(outcomes).hasSize(3);
      fx.settle(Duration.ofMinutes(4));
      assertThat(outcomes).hasSize(3);
      fx.settle(Duration.ofMinutes(1));
      assertThat(outcomes).hasSize(4);
      assertThat(created).hasSize(4);
    }
  }

  @Test
  void concurrentRefreshesAndCreateFreightAdmitTheSameArtifactsOnce() throws Exception {
    List<String> created = new CopyOnWriteArrayList<>();
    OneTag source = new OneTag();
    try (Fixture fx = new Fixture(Fixture.stage("dev", "{direct: true}"),
        InMemoryStore.create(dev.kargo4j.testkit.ManualClock.at(Fixture.T0)), b -> b
        .discovery(SubscriptionSourceRegistry.of(source), DiscoveryOptions.onDemand())
        .listener(recordCreated(created)))) {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        List<java.util.concurrent.Future<Optional<Freight>>> refreshes = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
          refreshes.add(pool.submit(() -> fx.runtime.refreshWarehouse("app")));
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (var r : refreshes) {
          names.add(r.get().orElseThrow().name());
        }
        assertThat(names).hasSize(1);
        // the host importing the same Freight finds it stored and announces nothing
        Freight stored = fx.runtime.freight(names.iterator().next()).orElseThrow();
        assertThat(fx.runtime.importFreight(List.of(stored.withAlias("")))).singleElement()
            .satisfies(f -> assertThat(f.alias()).isEqualTo(stored.alias()));
      } finally {
        pool.shutdownNow();
      }
      assertThat(created).hasSize(1);
      assertThat(fx.runtime.freight()).hasSize(1);
    }
  }
}
