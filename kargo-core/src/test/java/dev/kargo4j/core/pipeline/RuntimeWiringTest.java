package dev.kargo4j.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.discovery.SubscriptionSourceRegistry;
import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.DiscoveredImageReference;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.ImageDiscoveryResult;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.spi.DiscoveryContext;
import dev.kargo4j.core.spi.SubscriptionSource;
import dev.kargo4j.core.spi.HealthCheckContext;
import dev.kargo4j.core.spi.HealthChecker;
import dev.kargo4j.core.spi.HealthResult;
import dev.kargo4j.core.model.HealthState;
import dev.kargo4j.core.store.InMemoryStore;
import dev.kargo4j.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Building a runtime, its registries, refresh, listeners and real timers. */
class RuntimeWiringTest {

  @Test
  void theProjectComesFromTheManifestsOrMustBeChosen() {
    String two = Fixture.WAREHOUSES + "---\n" + Fixture.WAREHOUSES.replace("namespace: demo", "namespace: other");
    ProjectRuntime.Builder b = ProjectRuntime.builder().manifests(Manifests.loadString("t.yaml", two))
        .steps(StepRegistry.of(new TestSteps())).manualTimers();
    assertThatThrownBy(b::build).isInstanceOf(KargoException.class).hasMessageContaining("several Projects")
        .hasMessageContaining("demo").hasMessageContaining("other");
    try (ProjectRuntime r = b.project("other").build()) {
      assertThat(r.project()).isEqualTo("other");
    }
    assertThatThrownBy(() -> b.project("nope").build()).hasMessageContaining("\"nope\" is not in the manifests");
    assertThatThrownBy(() -> ProjectRuntime.builder().manifests(Manifests.loadString("t.yaml", two)).build())
        .hasMessageContaining("needs step runners");
    String orphan = Fixture.WAREHOUSES + "---\n" + Fixture.stage("dev", "{direct: true}")
        .replace("name: app}", "name: missing}");
    assertThatThrownBy(() -> ProjectRuntime.builder().manifests(Manifests.loadString("t.yaml", orphan))
        .steps(StepRegistry.of(new TestSteps())).manualTimers().build())
        .hasMessageContaining("Warehouse \"missing\"").hasMessageContaining("known: app, db");
  }

  @Test
  void healthCheckerKindsAreUnique() {
    HealthChecker a = new TestHealth();
    HealthChecker b = new HealthChecker() {
      @Override
      public String kind() {
        return "test-health";
      }

      @Override
      public HealthResult check(HealthCheckContext context) {
        return HealthResult.of(HealthState.HEALTHY);
      }
    };
    assertThatThrownBy(() -> HealthCheckerRegistry.of(a, b)).isInstanceOf(KargoException.class)
        .hasMessageContaining("duplicate health check kind 'test-health'");
    assertThat(HealthCheckerRegistry.empty().with(a).kinds()).containsExactly("test-health");
    assertThat(HealthCheckerRegistry.of(a).find("test-health")).containsSame(a);
    assertThat(HealthCheckerRegistry.discover(getClass().getClassLoader()).kinds()).doesNotContain("test-health");
  }

  @Test
  void refreshWarehouseStoresWhatDiscoveryFound() {
    List<String> asked = new ArrayList<>();
    SubscriptionSource source = new SubscriptionSource() {
      @Override
      public String type() {
        return "image";
      }

      @Override
      public DiscoveredArtifacts discover(Subscription s, DiscoveryContext ctx) {
        asked.add(ctx.warehouse());
        // app finds 9.9.9; db finds nothing, so it makes no Freight
        List<DiscoveredImageReference> refs = ctx.warehouse().equals("app")
            ? List.of(new DiscoveredImageReference("9.9.9", "sha256:9", Map.of(), ctx.clock().instant())) : List.of();
        return new DiscoveredArtifacts(null, List.of(), List.of(new ImageDiscoveryResult(
            ((ImageSubscription) s).repoURL(), "", refs, "")), List.of(), List.of());
      }
    };
    try (Fixture fx = new Fixture(Fixture.stage("dev", "{direct: true}"), InMemoryStore.create(), b -> b
        .discovery(SubscriptionSourceRegistry.of(source), DiscoveryOptions.onDemand()))) {
      Optional<Freight> found = fx.runtime.refreshWarehouse("app");
      assertThat(found).isPresent();
      assertThat(fx.runtime.freight(found.get().name())).isPresent();
      assertThat(fx.runtime.refreshWarehouse("app")).map(Freight::name).contains(found.get().name());
      assertThat(fx.runtime.freight()).hasSize(1);
      assertThat(fx.runtime.refreshWarehouse("db")).isEmpty();
      assertThat(asked).containsExactly("app", "app", "db");
      assertThatThrownBy(() -> fx.runtime.refreshWarehouse("nope")).hasMessageContaining("no Warehouse \"nope\"");
    }
    try (Fixture fx = new Fixture(Fixture.stage("dev", "{direct: true}"))) {
      assertThatThrownBy(() -> fx.runtime.refreshWarehouse("app")).hasMessageContaining("discovery(");
    }
  }

  @Test
  void listenersSeeFreightMoveAndAFailingListenerChangesNothing() {
    List<String> moves = new CopyOnWriteArrayList<>();
    try (Fixture fx = new Fixture(Fixture.stage("dev", "{direct: true}"), InMemoryStore.create(), b -> b
        .listener(new PipelineListener() {
          @Override
          public void freightStatusChanged(Freight freight) {
            moves.add(freight.status().currentlyIn().keySet() + " " + freight.status().verifiedIn().keySet());
          }
        })
        .listener(new PipelineListener() {
          @Override
          public void promotionCreated(dev.kargo4j.core.model.Promotion promotion) {
            throw new IllegalStateException("listener bug");
          }
        }))) {
      Freight f = fx.create("1.0.0", 0);
      fx.runtime.promote("dev", f.name());
      fx.settle();
      assertThat(moves).containsExactly("[dev] []", "[dev] [dev]");
    }
  }

  @Test
  void afterTheClockJumpsARefreshRunsWhatIsDue() {
    ManualClock clock = ManualClock.at(Fixture.T0);
    TestSteps steps = new TestSteps();
    String yaml = Fixture.WAREHOUSES + "---\n" + Fixture.stage("dev", "{direct: true}",
        "{uses: test-step, config: {result: running, runningFor: 1}}", "");
    try (ProjectRuntime r = ProjectRuntime.builder().manifests(Manifests.loadString("t.yaml", yaml))
        .steps(StepRegistry.of(steps)).clock(clock).build()) {
      Freight f = r.createFreight(Fixture.freight("app", "1.0.0", 0));
      PromotionHandle h = r.promote("dev", f.name());
      assertThat(r.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(r.nextTimer()).contains(Fixture.T0.plusSeconds(30));
      r.refresh();
      assertThat(r.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(steps.attempts.get(h.name()).get()).as("not retried before its time").isEqualTo(1);
      clock.advance(Duration.ofSeconds(30));
      r.refresh();
      assertThat(h.await(Duration.ofSeconds(30)).status().phase().wireName()).isEqualTo("Succeeded");
      assertThat(steps.attempts.get(h.name()).get()).isEqualTo(2);
    }
  }

  @Test
  void realTimersDriveAVerificationOnTheSystemClock() throws Exception {
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ok", ex -> {
      byte[] body = "{\"ok\": true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    String template = """
        apiVersion: argoproj.io/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: quick, namespace: demo}
        spec:
          metrics:
          - name: quick
            interval: 300ms
            count: 3
            successCondition: result.ok
            provider:
              web: {url: "http://127.0.0.1:%d/ok"}
        ---
        """.formatted(server.getAddress().getPort());
    String yaml = Fixture.WAREHOUSES + "---\n" + template + Fixture.stage("dev", "{direct: true}",
        "{uses: test-step, config: {}}", "verification:\n  analysisTemplates: [{name: quick}]");
    java.util.concurrent.CompletableFuture<String> verified = new java.util.concurrent.CompletableFuture<>();
    try (ProjectRuntime r = ProjectRuntime.builder().manifests(Manifests.loadString("t.yaml", yaml))
        .steps(StepRegistry.of(new TestSteps())).listener(new PipelineListener() {
          @Override
          public void freightStatusChanged(Freight freight) {
            if (freight.isVerifiedIn("dev")) {
              verified.complete(freight.name());
            }
          }
        }).build()) {
      Freight f = r.createFreight(Fixture.freight("app", "1.0.0", 0));
      r.promote("dev", f.name()).await(Duration.ofSeconds(30));
      assertThat(verified.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(f.name());
      var vi = r.stage("dev").status().currentFreight().currentVerification();
      assertThat(vi.phase().wireName()).isEqualTo("Successful");
      assertThat(Duration.between(vi.startTime(), vi.finishTime())).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    } finally {
      server.stop(0);
    }
  }
}
