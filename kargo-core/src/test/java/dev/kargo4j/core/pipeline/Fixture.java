package dev.kargo4j.core.pipeline;

import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.store.InMemoryStore;
import dev.kargo4j.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Project {@code demo} with Warehouses {@code app} and {@code db}, Stages written in YAML by
 * the test, a manual clock, manual timers, the test step runner and health checker.
 */
final class Fixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  static final String WAREHOUSES = """
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Warehouse
      metadata: {name: app, namespace: demo}
      spec:
        subscriptions:
        - image: {repoURL: registry.example.com/app}
      ---
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Warehouse
      metadata: {name: db, namespace: demo}
      spec:
        subscriptions:
        - image: {repoURL: registry.example.com/db}
      """;

  final ManualClock clock = ManualClock.at(T0);
  final TestSteps steps = new TestSteps();
  final TestHealth health = new TestHealth();
  final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
  final Store store;
  final ManifestSet manifests;
  ProjectRuntime runtime;

  Fixture(String yaml) {
    this(yaml, InMemoryStore.create(ManualClock.at(T0)), b -> {});
  }

  Fixture(String yaml, Store store, Consumer<ProjectRuntime.Builder> customize) {
    this.store = store;
    this.manifests = Manifests.loadString("test.yaml", WAREHOUSES + "---\n" + yaml);
    this.runtime = newRuntime(customize);
  }

  ProjectRuntime newRuntime(Consumer<ProjectRuntime.Builder> customize) {
    ProjectRuntime.Builder b = ProjectRuntime.builder().manifests(manifests).store(store)
        .steps(StepRegistry.of(steps)).healthCheckers(HealthCheckerRegistry.of(health)).clock(clock)
        .manualTimers().listener(new Recorder(events));
    customize.accept(b);
    return b.build();
  }

  /** A regular Stage taking {@code app} Freight from {@code sources} (YAML flow map). */
  static String stage(String name, String sources) {
    return stage(name, sources, "{uses: test-step, config: {}}", "");
  }

  static String stage(String name, String sources, String step, String extraSpec) {
    return """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata: {name: %s, namespace: demo}
        spec:
          requestedFreight:
          - origin: {kind: Warehouse, name: app}
            sources: %s
          promotionTemplate:
            spec:
              steps:
              - %s
        %s
        ---
        """.formatted(name, sources, step, extraSpec.isEmpty() ? "" : extraSpec.indent(2).stripTrailing());
  }

  /** A control-flow Stage taking {@code app} Freight from {@code sources}. */
  static String controlFlow(String name, String sources) {
    return """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata: {name: %s, namespace: demo}
        spec:
          requestedFreight:
          - origin: {kind: Warehouse, name: app}
            sources: %s
        ---
        """.formatted(name, sources);
  }

  /** New {@code app} Freight with image tag {@code tag}, discovered {@code minutes} after T0. */
  Freight create(String tag, int minutes) {
    return runtime.createFreight(freight("app", tag, minutes));
  }

  static Freight freight(String warehouse, String tag, int minutes) {
    return new Freight(ObjectMeta.of("demo", ""), "", T0.plus(Duration.ofMinutes(minutes)),
        FreightOrigin.warehouse(warehouse), List.of(),
        List.of(Image.of("registry.example.com/" + warehouse, tag, "sha256:" + tag.replace('.', '0'))),
        List.of(), List.of(), null);
  }

  /** Runs everything due, moving the clock through timers up to {@code horizon}. */
  void settle(Duration horizon) {
    clock.runUntilIdle(runtime, horizon);
  }

  void settle() {
    runtime.runUntilIdle();
  }

  Freight get(String name) {
    return runtime.freight(name).orElseThrow();
  }

  @Override
  public void close() {
    runtime.close();
  }

  /** Records events as short strings. */
  static final class Recorder implements PipelineListener {
    private final List<String> out;

    Recorder(List<String> out) {
      this.out = out;
    }

    @Override
    public void freightCreated(dev.kargo4j.core.model.Freight freight) {
      out.add("freight-created " + freight.alias());
    }

    @Override
    public void promotionCreated(dev.kargo4j.core.model.Promotion promotion) {
      out.add("promotion-created " + promotion.spec().stage());
    }

    @Override
    public void promotionPhaseChanged(dev.kargo4j.core.model.Promotion promotion) {
      out.add("promotion " + promotion.spec().stage() + " " + promotion.status().phase().wireName());
    }

    @Override
    public void stepUpdated(dev.kargo4j.core.model.Promotion promotion,
        dev.kargo4j.core.model.StepExecutionMetadata step) {
      out.add("step " + promotion.spec().stage() + " " + step.alias() + " " + step.status().wireName());
    }

    @Override
    public void verificationUpdated(String stage, dev.kargo4j.core.model.FreightCollection collection,
        dev.kargo4j.core.model.VerificationInfo info) {
      out.add("verification " + stage + " " + (info.phase() == null ? "" : info.phase().wireName()));
    }

    @Override
    public void healthChanged(String stage, dev.kargo4j.core.model.Health health) {
      out.add("health " + stage + " " + (health == null ? "none" : health.status().wireName()));
    }
  }

}
