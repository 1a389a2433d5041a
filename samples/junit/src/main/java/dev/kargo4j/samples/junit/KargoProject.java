package dev.kargo4j.samples.junit;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.engine.PromotionEngine;
import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.pipeline.HealthCheckerRegistry;
import dev.kargo4j.core.pipeline.PipelineListener;
import dev.kargo4j.core.pipeline.ProjectRuntime;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.pipeline.PromotionHandle;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.store.InMemoryStore;
import dev.kargo4j.testkit.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One test's Kargo project: manifests applied to it, an {@link InMemoryStore}, a local
 * {@link GitRemote}, a {@link ManualClock}, and a {@link ProjectRuntime} over them whose timers
 * fire only when the test lets time pass. Step runners, health checkers and subscription
 * sources come from the test's class path ({@link java.util.ServiceLoader}), plus any the test
 * adds with {@link #steps}.
 *
 * <p>Use: {@link #apply} manifests (and configure) first; the runtime is built on first use
 * ({@link #runtime()}, {@link #createFreight}, {@link #promote}...), after which the manifests
 * are fixed. {@link #promote} queues a Promotion and runs the pipeline until it is idle, so a
 * test reads the outcome at once; {@link #advance} moves the clock and runs what became due
 * (soak times, retries, verification intervals). Nothing waits in real time.
 *
 * <p>Made by {@link KargoExtension}; closed (runtime stopped, folders deleted) after the test.
 * Not thread-safe: use it from the test's thread.
 */
public final class KargoProject implements AutoCloseable {
  /** How far {@link #promote} lets the clock run for a promotion that waits (a Running step). */
  public static final Duration PROMOTION_HORIZON = Duration.ofHours(1);

  private final String name;
  private final ManualClock clock;
  private final InMemoryStore store;
  private final Path root;
  private final GitRemote remote;
  private final ClassLoader loader;
  private final List<StepRunner> extraSteps = new ArrayList<>();
  private final List<PipelineListener> listeners = new ArrayList<>();
  private final java.util.Map<Capability<?>, Object> capabilities = new java.util.LinkedHashMap<>();
  private ManifestSet manifests = ManifestSet.EMPTY;
  private ProjectRuntime runtime;

  private KargoProject(String name, ManualClock clock, Path root, ClassLoader loader) {
    this.name = name;
    this.clock = clock;
    this.store = InMemoryStore.create(clock);
    this.root = root;
    this.loader = loader;
    this.remote = GitRemote.init(root.resolve("remote.git"), root.resolve("scratch"));
  }

  /**
   * A project named {@code name} whose clock starts at {@code start}, finding plug-ins through
   * {@code loader}; for tests that do not use the extension.
   */
  public static KargoProject create(String name, Instant start, ClassLoader loader) {
    try {
      return new KargoProject(Objects.requireNonNull(name, "name"), ManualClock.at(start),
          Files.createTempDirectory("kargo4j-test-"), Objects.requireNonNull(loader, "loader"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the test project's folder", e);
    }
  }

  /** The Project's name; manifests use it as their namespace. */
  public String name() {
    return name;
  }

  /** The clock of everything: promotions, soak, verification. Starts at {@link KargoTest#startAt()}. */
  public ManualClock clock() {
    return clock;
  }

  /** Where Freight, Promotions and Stage status are kept. */
  public Store store() {
    return store;
  }

  /** The local git remote. */
  public GitRemote remote() {
    return remote;
  }

  /**
   * Applies manifests (YAML or JSON text, several documents allowed) to the project; objects
   * without a namespace are not changed, so write {@code namespace: <name()>}.
   *
   * @throws IllegalStateException once the runtime was built
   */
  public KargoProject apply(String yaml) {
    return apply(Manifests.loadString("test manifests " + (manifests.all().size() + 1), yaml));
  }

  /** Applies a manifest file or a folder of them. */
  public KargoProject apply(Path fileOrFolder) {
    return apply(Manifests.load(fileOrFolder));
  }

  private KargoProject apply(ManifestSet set) {
    requireNotStarted("apply manifests");
    manifests = manifests.plus(set);
    return this;
  }

  /** Adds step runners (e.g. a fake of a step that needs a server) besides those found on the class path. */
  public KargoProject steps(StepRunner... runners) {
    requireNotStarted("add steps");
    extraSteps.addAll(List.of(runners));
    return this;
  }

  /**
   * Supplies a capability to the steps, as a host would. Tests that run the git steps against
   * {@link #remote()} (a repository on disk, {@code file://}) opt in to local repositories here:
   * {@code capability(GitHostPolicy.CAPABILITY, GitHostPolicy.allowingLocalRepositories())};
   * a host's default is remote repositories only.
   */
  public <T> KargoProject capability(Capability<T> capability, T value) {
    requireNotStarted("supply capabilities");
    capabilities.put(Objects.requireNonNull(capability, "capability"), capability.cast(value));
    return this;
  }

  /** Adds a listener, e.g. to record progress. */
  public KargoProject listener(PipelineListener listener) {
    requireNotStarted("add listeners");
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** The runtime over the applied manifests, built on first use with manual timers. */
  public ProjectRuntime runtime() {
    if (runtime == null) {
      StepRegistry steps = StepRegistry.discover(loader);
      for (StepRunner r : extraSteps) {
        steps = steps.with(r);
      }
      ProjectRuntime.Builder b = ProjectRuntime.builder()
          .project(name)
          .manifests(manifests)
          .store(store)
          .clock(clock)
          .manualTimers()
          .engine(PromotionEngine.builder().steps(steps).workRoot(folder("work")))
          .healthCheckers(HealthCheckerRegistry.discover(loader));
      listeners.forEach(b::listener);
      capabilities.forEach((c, v) -> supply(b, c, v));
      runtime = b.build();
    }
    return runtime;
  }

  private static <T> void supply(ProjectRuntime.Builder b, Capability<T> capability, Object value) {
    b.capability(capability, capability.cast(value));
  }

  /** Creates Freight from {@code warehouse} with these images (name and alias generated as Kargo does). */
  public Freight createFreight(String warehouse, Image... images) {
    return createFreight(warehouse, List.of(), List.of(images), List.of());
  }

  /** Creates Freight from {@code warehouse} with these artifacts. */
  public Freight createFreight(String warehouse, List<GitCommit> commits, List<Image> images, List<Chart> charts) {
    return runtime().createFreight(new Freight(ObjectMeta.of(name, ""), "", null, FreightOrigin.warehouse(warehouse),
        commits, images, charts, List.of(), null));
  }

  /**
   * Promotes {@code freight} to {@code stage} and runs the pipeline until it is idle (health,
   * verification and auto-promotions included), letting up to {@link #PROMOTION_HORIZON} pass on
   * the clock if a step asks to be retried later.
   *
   * @return the Promotion, terminal unless it still waits beyond the horizon
   * @throws KargoException when Kargo would refuse it (Freight not available, control-flow Stage...)
   */
  public Promotion promote(String stage, Freight freight) {
    PromotionHandle handle = runtime().promote(stage, freight.name());
    return finish(handle);
  }

  /** Promotes {@code freight} to every Stage downstream of {@code stage}; as {@link #promote}. */
  public List<Promotion> promoteToDownstream(String stage, Freight freight) {
    List<Promotion> out = new ArrayList<>();
    for (PromotionHandle h : runtime().promoteToDownstream(stage, freight.name())) {
      out.add(finish(h));
    }
    return out;
  }

  private Promotion finish(PromotionHandle handle) {
    runtime.runUntilIdle();
    if (!handle.done().isDone()) {
      clock.runUntilIdle(runtime, PROMOTION_HORIZON);
    }
    return handle.done().getNow(null) != null ? handle.done().join()
        : runtime.promotion(handle.name()).orElseThrow();
  }

  /** Moves the clock forward by {@code duration} and runs everything that became due; returns the new time. */
  public Instant advance(Duration duration) {
    Instant end = clock.instant().plus(duration);
    clock.runUntilIdle(runtime(), duration);
    if (clock.instant().isBefore(end)) {
      clock.set(end);
    }
    runtime.runUntilIdle();
    return clock.instant();
  }

  /** Whether {@code freight} may be promoted to {@code stage} now. */
  public boolean isAvailable(Freight freight, String stage) {
    return runtime().isAvailable(freight.name(), stage);
  }

  private Path folder(String child) {
    try {
      return Files.createDirectories(root.resolve(child));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + root.resolve(child), e);
    }
  }

  private void requireNotStarted(String what) {
    if (runtime != null) {
      throw new IllegalStateException("cannot " + what + " after the runtime was built (first promote,"
          + " createFreight or runtime() call); do it earlier in the test");
    }
  }

  /** Stops the runtime and deletes the project's folders (the git remote included). */
  @Override
  public void close() {
    try {
      if (runtime != null) {
        runtime.close();
      }
    } finally {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        // a left-over temporary folder must not fail the test
      }
    }
  }

  @Override
  public String toString() {
    return "KargoProject[" + name + " at " + clock.instant() + "]";
  }
}
