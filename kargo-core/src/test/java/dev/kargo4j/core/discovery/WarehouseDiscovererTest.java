package dev.kargo4j.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.freight.FreightAliases;
import dev.kargo4j.core.freight.FreightIds;
import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.model.ArtifactReference;
import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.ChartDiscoveryResult;
import dev.kargo4j.core.model.ChartSubscription;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.DiscoveredImageReference;
import dev.kargo4j.core.model.DiscoveryResult;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCreationCriteria;
import dev.kargo4j.core.model.FreightCreationPolicy;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.GenericSubscription;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ImageDiscoveryResult;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.WarehouseSpec;
import dev.kargo4j.core.pipeline.PipelineListener;
import dev.kargo4j.core.pipeline.ProjectRuntime;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.DiscoveryContext;
import dev.kargo4j.core.spi.SubscriptionSource;
import dev.kargo4j.core.store.InMemoryStore;
import dev.kargo4j.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WarehouseDiscovererTest {
  private static final String PROJECT = "demo";
  private ManualClock clock;
  private InMemoryStore store;
  private FakeImages images;
  private FakeCharts charts;

  /** An image source answering from a settable list of tags (best first). */
  static final class FakeImages implements SubscriptionSource {
    volatile List<String> tags = List.of("1.0.0");
    volatile RuntimeException failure;
    final List<Optional<DiscoveredArtifacts>> previousSeen = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
      return "image";
    }

    @Override
    public DiscoveredArtifacts discover(Subscription s, DiscoveryContext ctx) {
      previousSeen.add(ctx.previous());
      if (failure != null) {
        throw failure;
      }
      ImageSubscription sub = (ImageSubscription) s;
      List<DiscoveredImageReference> refs = new ArrayList<>();
      for (String t : tags) {
        refs.add(new DiscoveredImageReference(t, "sha256:" + t.hashCode(), Map.of(), ctx.clock().instant()));
      }
      return new DiscoveredArtifacts(null, List.of(), List.of(new ImageDiscoveryResult(sub.repoURL(), "", refs, sub.name())),
          List.of(), List.of());
    }
  }

  /** A chart source that always finds 0.1.0 and asks for credentials. */
  static final class FakeCharts implements SubscriptionSource {
    @Override
    public String type() {
      return "chart";
    }

    @Override
    public Set<Capability<?>> capabilities() {
      return Set.of(Capability.CREDENTIALS);
    }

    @Override
    public DiscoveredArtifacts discover(Subscription s, DiscoveryContext ctx) {
      ctx.capability(Capability.CREDENTIALS); // declared: allowed
      ChartSubscription sub = (ChartSubscription) s;
      return new DiscoveredArtifacts(null, List.of(), List.of(), List.of(new ChartDiscoveryResult(sub.repoURL(),
          sub.chartName(), "", List.of("0.1.0"), sub.name())), List.of());
    }
  }

  /** A plug-in type. */
  static final class Tickets implements SubscriptionSource {
    @Override
    public String type() {
      return "ticket";
    }

    @Override
    public DiscoveredArtifacts discover(Subscription s, DiscoveryContext ctx) {
      ctx.capability(Capability.HTTP_CLIENT); // not declared: refused
      return null;
    }
  }

  @BeforeEach
  void setUp() {
    clock = ManualClock.at(Instant.parse("2025-03-01T12:00:00Z"));
    store = InMemoryStore.create(clock);
    images = new FakeImages();
    charts = new FakeCharts();
  }

  /** Discovery as a host runs it: through a runtime that admits the Freight and stores the status. */
  private RuntimeDiscovery discoverer(SubscriptionSource... sources) {
    return new RuntimeDiscovery(store, clock, sources);
  }

  private static Warehouse warehouse(FreightCreationPolicy policy, String criteria, Subscription... subs) {
    return new Warehouse(ObjectMeta.of(PROJECT, "wh"), new WarehouseSpec("", Duration.ofMinutes(5), policy,
        List.of(subs), criteria == null ? null : new FreightCreationCriteria(criteria)), null);
  }

  private static ImageSubscription image() {
    return ImageSubscription.of("ghcr.io/example/app");
  }

  @Test
  void makesFreightOnceFromTheBestArtifactOfEachSubscription() {
    RuntimeDiscovery d = discoverer(images, charts);
    Warehouse w = warehouse(null, null, image(), ChartSubscription.of("https://charts.example.com", "app"));
    images.tags = List.of("1.1.0", "1.0.0");

    DiscoveryOutcome first = d.discover(w);
    assertThat(first.failure()).isNull();
    assertThat(first.healthy()).isTrue();
    assertThat(first.created()).isTrue();
    Freight f = first.freight();
    String expectedId = FreightIds.generate(FreightOrigin.warehouse("wh"), List.of(),
        List.of(new Image("ghcr.io/example/app", "1.1.0", "sha256:" + "1.1.0".hashCode(), Map.of(), "")),
        List.of(Chart.of("https://charts.example.com", "app", "0.1.0")), List.of());
    assertThat(f.name()).isEqualTo(expectedId);
    assertThat(f.origin()).isEqualTo(FreightOrigin.warehouse("wh"));
    assertThat(f.alias()).matches("[a-z]+-[a-z]+(-\\d+)?");
    assertThat(f.metadata().labels()).containsEntry(FreightAliases.LABEL, f.alias());
    assertThat(f.metadata().creationTimestamp()).isEqualTo(clock.instant());
    assertThat(store.listFreight(PROJECT)).hasSize(1);
    assertThat(first.status().lastFreightID()).isEqualTo(expectedId);
    assertThat(first.status().discoveredArtifacts().discoveredAt()).isEqualTo(clock.instant());
    assertThat(first.status().discoveredArtifacts().images().get(0).references()).hasSize(2);
    assertThat(first.condition(WarehouseDiscoverer.FREIGHT_CREATED)).get()
        .satisfies(c -> assertThat(c.reason()).isEqualTo("NewFreight"));
    assertThat(first.condition(WarehouseDiscoverer.READY)).get()
        .satisfies(c -> assertThat(c.message()).isEqualTo("Successfully discovered artifacts from 2 subscriptions"));
    assertThat(store.getWarehouseStatus(PROJECT, "wh")).get().satisfies(v -> assertThat(v.value()).isEqualTo(first.status()));

    clock.advance(Duration.ofMinutes(10));
    DiscoveryOutcome second = d.discover(w);
    assertThat(second.created()).isFalse();
    assertThat(second.freight().name()).isEqualTo(expectedId);
    assertThat(second.condition(WarehouseDiscoverer.FREIGHT_CREATED)).get()
        .satisfies(c -> assertThat(c.reason()).isEqualTo("AlreadyExists"));
    assertThat(store.listFreight(PROJECT)).hasSize(1);
    // Healthy stayed True, so its transition time did not move
    assertThat(second.condition(WarehouseDiscoverer.HEALTHY).get().lastTransitionTime())
        .isEqualTo(first.condition(WarehouseDiscoverer.HEALTHY).get().lastTransitionTime());

    images.tags = List.of("1.2.0", "1.1.0");
    DiscoveryOutcome third = d.discover(w);
    assertThat(third.created()).isTrue();
    assertThat(third.freight().images().get(0).tag()).isEqualTo("1.2.0");
    assertThat(store.listFreightByOrigin(PROJECT, FreightOrigin.warehouse("wh"))).hasSize(2);
    assertThat(third.freight().alias()).isNotEqualTo(f.alias());
  }

  @Test
  void anEmptyResultMakesTheWarehouseUnhealthyAndCreatesNothing() {
    images.tags = List.of();
    DiscoveryOutcome o = discoverer(images).discover(warehouse(null, null, image()));
    assertThat(o.healthy()).isFalse();
    assertThat(o.freight()).isNull();
    assertThat(o.condition(WarehouseDiscoverer.HEALTHY)).get().satisfies(c -> {
      assertThat(c.reason()).isEqualTo("NoImageReferencesDiscovered");
      assertThat(c.message()).isEqualTo("No references discovered for image repository \"ghcr.io/example/app\"");
    });
    assertThat(o.condition(WarehouseDiscoverer.READY).get().reason()).isEqualTo("MissingImageReferences");
    assertThat(o.status().discoveredArtifacts().images()).hasSize(1);
    assertThat(store.listFreight(PROJECT)).isEmpty();
  }

  @Test
  void manualPolicyAndUnsatisfiedCriteriaRecordArtifactsOnly() {
    RuntimeDiscovery d = discoverer(images);
    DiscoveryOutcome manual = d.discover(warehouse(FreightCreationPolicy.MANUAL, null, image()));
    assertThat(manual.healthy()).isTrue();
    assertThat(manual.freight()).isNull();
    assertThat(manual.status().discoveredArtifacts().images()).hasSize(1);

    DiscoveryOutcome no = d.discover(warehouse(null, "imageFrom('ghcr.io/example/app').Tag == '9.9.9'", image()));
    assertThat(no.freight()).isNull();
    assertThat(no.condition(WarehouseDiscoverer.CRITERIA_SATISFIED).get().reason()).isEqualTo("CriteriaNotSatisfied");
    assertThat(store.listFreight(PROJECT)).isEmpty();

    DiscoveryOutcome yes = d.discover(warehouse(null, "imageFrom('ghcr.io/example/app').Tag == '1.0.0'", image()));
    assertThat(yes.created()).isTrue();

    DiscoveryOutcome broken = d.discover(warehouse(null, "imageFrom(", image()));
    assertThat(broken.healthy()).isFalse();
    assertThat(broken.condition(WarehouseDiscoverer.HEALTHY).get().reason()).isEqualTo("CriteriaEvaluationFailed");
    assertThat(broken.failure()).isInstanceOf(KargoException.class);
  }

  @Test
  void aFailingSourceKeepsThePreviousArtifactsAndSaysWhy() {
    RuntimeDiscovery d = discoverer(images);
    Warehouse w = warehouse(null, null, image());
    DiscoveredArtifacts before = d.discover(w).status().discoveredArtifacts();
    images.failure = new KargoException("registry ghcr.io answered HTTP 500");
    DiscoveryOutcome o = d.discover(w);
    assertThat(o.healthy()).isFalse();
    assertThat(o.failure()).hasMessageContaining("subscriptions[0] (image)").hasMessageContaining("HTTP 500");
    assertThat(o.condition(WarehouseDiscoverer.HEALTHY).get().reason()).isEqualTo("DiscoveryFailed");
    assertThat(o.condition(WarehouseDiscoverer.READY).get().message()).startsWith("Artifact discovery failed: ");
    assertThat(o.status().discoveredArtifacts()).isEqualTo(before);

    images.failure = new IllegalStateException("bug in a plug-in");
    assertThat(d.discover(w).failure()).hasMessageContaining("FakeImages failed").hasMessageContaining("bug in a plug-in");
  }

  @Test
  void unknownTypesAndUndeclaredCapabilitiesFailClearly() {
    RuntimeDiscovery d = discoverer(images, new Tickets());
    GenericSubscription ticket = new GenericSubscription("tix", "ticket", Map.of(), 20);
    DiscoveryOutcome o = d.discover(warehouse(null, null, ticket));
    assertThat(o.failure()).hasMessageContaining("asked for capability 'http-client' without declaring it");

    DiscoveryOutcome unknown = discoverer(images).discover(warehouse(null, null,
        ChartSubscription.of("https://charts.example.com", "app")));
    assertThat(unknown.failure()).hasMessageContaining("no subscription source for type 'chart'")
        .hasMessageContaining("known: image");

    SubscriptionSource needy = new SubscriptionSource() {
      @Override
      public String type() {
        return "needy";
      }

      @Override
      public Set<Capability<?>> capabilities() {
        return Set.of(Capability.of("argocd", Object.class));
      }

      @Override
      public DiscoveredArtifacts discover(Subscription s, DiscoveryContext c) {
        return null;
      }
    };
    assertThatThrownBy(() -> discoverer(needy)).isInstanceOf(KargoException.class)
        .hasMessageContaining("needs capability 'argocd'");
    assertThatThrownBy(() -> WarehouseDiscoverer.builder().build()).hasMessageContaining("sources");
    assertThatThrownBy(() -> WarehouseDiscoverer.builder().sources(SubscriptionSourceRegistry.of(images)).build()
        .discover(new Warehouse(ObjectMeta.of("", "x"),
        WarehouseSpec.of(List.of(image())), null))).hasMessageContaining("metadata.namespace");
  }

  @Test
  void genericResultsMakeArtifactsInFreight() {
    SubscriptionSource tickets = new SubscriptionSource() {
      @Override
      public String type() {
        return "ticket";
      }

      @Override
      public DiscoveredArtifacts discover(Subscription s, DiscoveryContext c) {
        return new DiscoveredArtifacts(null, List.of(), List.of(), List.of(), List.of(new DiscoveryResult(s.name(),
            List.of(new ArtifactReference("ticket", s.name(), "T-42", Map.of("priority", 1L))))));
      }
    };
    RuntimeDiscovery d = discoverer(tickets);
    GenericSubscription sub = new GenericSubscription("tix", "ticket", Map.of(), 20);
    DiscoveryOutcome o = d.discover(warehouse(null, null, sub));
    assertThat(o.freight().artifacts()).singleElement().satisfies(a -> assertThat(a.version()).isEqualTo("T-42"));
    // no git, image or chart artifacts: the criteria are not evaluated, as in Kargo
    DiscoveryOutcome again = d.discover(warehouse(null, "artifactFrom('tix').Version == 'nope'", sub));
    assertThat(again.freight()).isNotNull();
  }

  @Test
  void isDueFollowsIntervalRefreshAndSpecChanges() {
    RuntimeDiscovery d = discoverer(images);
    Warehouse w = warehouse(null, null, image());
    assertThat(d.isDue(w)).isTrue();
    d.discover(w);
    assertThat(d.isDue(w)).isFalse();
    clock.advance(Duration.ofMinutes(5));
    assertThat(d.isDue(w)).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(d.isDue(w)).isTrue();
    d.discover(w);

    Warehouse refreshed = w.withMetadata(w.metadata().withAnnotation(WarehouseDiscoverer.REFRESH_ANNOTATION, "r1"));
    assertThat(d.isDue(refreshed)).isTrue();
    assertThat(d.discover(refreshed).status().lastHandledRefresh()).isEqualTo("r1");
    assertThat(d.isDue(refreshed)).isFalse();

    // the previous result is offered only while the spec is unchanged
    images.previousSeen.clear();
    d.discover(refreshed);
    assertThat(images.previousSeen.get(0)).isPresent();
    Warehouse changed = warehouse(null, null, image().withName("app"));
    assertThat(d.isDue(changed)).isTrue();
    d.discover(changed);
    assertThat(images.previousSeen.get(1)).isEmpty();
  }

  @Test
  void theRuntimeDiscoversOnlyDueWarehouses() {
    Warehouse w = warehouse(null, null, image());
    Warehouse other = new Warehouse(ObjectMeta.of(PROJECT, "other"), WarehouseSpec.of(List.of(image())), null);
    List<DiscoveryOutcome> outcomes = new CopyOnWriteArrayList<>();
    ManifestSet m = new ManifestSet(List.of(), List.of(), List.of(w, other), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    try (ProjectRuntime r = ProjectRuntime.builder().manifests(m).store(store).clock(clock).steps(StepRegistry.of())
        .manualTimers().discovery(SubscriptionSourceRegistry.of(images)).listener(new PipelineListener() {
          @Override
          public void warehouseDiscovered(DiscoveryOutcome o) {
            outcomes.add(o);
          }
        }).build()) {
      assertThat(r.nextTimer()).contains(clock.instant());
      r.runUntilIdle();
      assertThat(outcomes).extracting(DiscoveryOutcome::warehouse).containsExactlyInAnyOrder("wh", "other");
      r.runUntilIdle(); // not due yet
      assertThat(outcomes).hasSize(2);
      assertThat(r.nextTimer()).contains(clock.instant().plus(Duration.ofMinutes(5)));
      clock.advance(Duration.ofMinutes(6));
      images.tags = List.of("2.0.0");
      r.runUntilIdle();
      assertThat(outcomes).hasSize(4);
      assertThat(outcomes.subList(2, 4)).allSatisfy(o -> assertThat(o.created()).isTrue());
    }
  }

  @Test
  void registryDiscoversTheBuiltInSourcesAndRejectsDuplicates() {
    SubscriptionSourceRegistry r = SubscriptionSourceRegistry.discover(getClass().getClassLoader());
    assertThat(r.types()).contains("image", "chart");
    assertThat(r.source("image")).isInstanceOf(ImageSubscriptionSource.class);
    assertThatThrownBy(() -> r.with(new FakeImages())).isInstanceOf(KargoException.class)
        .hasMessageContaining("duplicate subscription type 'image'")
        .hasMessageContaining(ImageSubscriptionSource.class.getName())
        .hasMessageContaining(FakeImages.class.getName());
    assertThatThrownBy(() -> r.source("nope")).hasMessageContaining("known: chart");
  }
}
