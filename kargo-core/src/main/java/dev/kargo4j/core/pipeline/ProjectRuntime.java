package dev.kargo4j.core.pipeline;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.discovery.DiscoveryOutcome;
import dev.kargo4j.core.discovery.SubscriptionSourceRegistry;
import dev.kargo4j.core.engine.ProjectData;
import dev.kargo4j.core.engine.PromotionEngine;
import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.pipeline.internal.ProjectController;
import dev.kargo4j.core.pipeline.internal.RuntimeConfig;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.store.InMemoryStore;
import dev.kargo4j.core.verification.MetricProviderRegistry;
import dev.kargo4j.expr.ExprEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One Project's pipeline, run in-process as Kargo's Stage and Promotion controllers run it: the
 * Stages and Warehouses of the project's manifests, with Freight, Promotions and Stage status
 * kept in a {@link Store}.
 *
 * <pre>{@code
 * try (ProjectRuntime runtime = ProjectRuntime.builder()
 *     .manifests(Manifests.load(Path.of("kargo")))
 *     .steps(StepRegistry.discover(loader))
 *     .healthCheckers(HealthCheckerRegistry.discover(loader))
 *     .store(DirectoryStore.open(Path.of("state")))
 *     .discovery(SubscriptionSourceRegistry.discover(loader))   // Warehouses, by their interval
 *     .build()) {
 *   Freight f = runtime.createFreight(freight);                // or runtime.refreshWarehouse("app")
 *   runtime.promote("dev", f.name()).await(Duration.ofMinutes(5));
 *   runtime.awaitIdle(Duration.ofMinutes(5));          // health, verification, auto-promotion
 *   runtime.availableFreight("staging");               // f, once verified in dev
 * }
 * }</pre>
 *
 * <p><b>What it does.</b> Every Stage has a worker that reconciles it as Kargo does: it picks
 * the next Promotion (first in first out by name, one at a time, after the current Freight's
 * verification finished), runs it pass by pass on the {@link PromotionEngine} (a Running step
 * is retried at the time it asked for, on the injected clock), moves the Freight into the Stage
 * ({@code freightHistory}, {@code currentlyIn}, soak), assesses health with the
 * {@link HealthCheckerRegistry}, verifies the Freight (AnalysisTemplates, natively), marks it
 * {@code verifiedIn} the Stage when verification succeeded and the Stage is healthy, and
 * auto-promotes as the ProjectConfig's promotion policies say. Control-flow Stages (no steps)
 * mark every available Freight verified at once. Different Stages work in parallel on the
 * executor. Freight availability is Kargo's {@code IsFreightAvailable}: approval, {@code direct},
 * or verification (and {@code requiredSoakTime}) in one ({@code OneOf}) or all ({@code All})
 * upstream Stages.
 *
 * <p><b>Freight.</b> Freight enters the Project one way, whether a host creates or imports it
 * or discovery finds it: named by its Freight ID, given an alias, stored once (the same
 * artifacts never make a second Freight), announced ({@link PipelineListener#freightCreated})
 * and handed to the Stages that request its Warehouse. With {@link Builder#discovery}, the
 * runtime discovers each Warehouse when its {@code spec.interval} (Kargo's default
 * {@code 5m0s}) has passed since the last discovery, and on request
 * ({@link #refreshWarehouse}), storing the Warehouse's status.
 *
 * <p><b>Time.</b> All decisions use the injected {@link Clock}. Delayed work (retries of
 * Running steps, verification intervals, soak expiry, health re-checks, Warehouse discovery) is kept as timers on
 * that clock. By default they fire by themselves on a scheduler; with
 * {@link Builder#manualTimers()} they fire only inside {@link #runUntilIdle()}, which tests
 * combine with a clock they move themselves and {@link #nextTimer()} (kargo-testkit's
 * {@code ManualClock.runUntilIdle(runtime, horizon)} does both).
 *
 * <p><b>Thread-safety.</b> All methods are thread-safe. State survives in the store: a new
 * runtime over the same store resumes Running Promotions (a verification in progress when the
 * host stopped is started again).
 */
public final class ProjectRuntime implements AutoCloseable {
  private final ProjectController controller;

  private ProjectRuntime(ProjectController controller) {
    this.controller = controller;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The Project's name. */
  public String project() {
    return controller.project();
  }

  /** The store this runtime keeps its state in. */
  public Store store() {
    return controller.store();
  }

  // ------------------------------------------------------------------ Freight

  /**
   * Stores new Freight of this Project, as Kargo's webhook admits it: an empty name becomes the
   * Freight ID, an empty alias a generated {@code <adjective>-<animal>}, a missing namespace the
   * Project. The Stages that request its origin are reconciled (auto-promotion).
   *
   * @throws KargoException when its origin is not a Warehouse of the Project, or Freight of that
   *     name or alias exists
   */
  public Freight createFreight(Freight freight) {
    return controller.createFreight(freight);
  }

  /**
   * Stores Freight that does not exist yet and leaves existing Freight (by name) alone, for
   * hosts that import Freight from elsewhere; returns the stored Freight in order.
   */
  public List<Freight> importFreight(Collection<Freight> freight) {
    return controller.importFreight(freight);
  }

  /**
   * Discovers the Warehouse {@code name} now (Kargo's refresh) and admits the Freight its
   * newest artifacts make, as a scheduled discovery does; see {@link #discoverWarehouse}.
   *
   * @return the Freight of the newest artifacts (created now or before), or empty when none was
   *     made (the Warehouse is unhealthy, Manual, its criteria were not satisfied, or discovery
   *     failed)
   * @throws KargoException when there is no such Warehouse, no {@link Builder#discovery} was
   *     configured, or the store fails
   */
  public Optional<Freight> refreshWarehouse(String name) {
    return controller.discoverWarehouse(name).freightIfAny();
  }

  /**
   * As {@link #refreshWarehouse}, returning the whole outcome: the stored Warehouse status,
   * the Freight, whether it was created now, and the failure that stopped discovery (a failure
   * of a registry, a repository or the criteria is returned, not thrown).
   *
   * @throws KargoException when there is no such Warehouse, no {@link Builder#discovery} was
   *     configured, or the store fails
   */
  public DiscoveryOutcome discoverWarehouse(String name) {
    return controller.discoverWarehouse(name);
  }

  /**
   * Manually approves Freight (by name or alias) for a Stage (Kargo's {@code approvedFor}),
   * which makes it available there regardless of upstream verification and soak.
   *
   * @throws KargoException when the Freight or Stage does not exist or the Stage does not
   *     request the Freight's origin
   */
  public Freight approve(String freight, String stage) {
    return controller.approve(freight, stage, "kargo4j");
  }

  /**
   * The Freight available to {@code stage} (Kargo's {@code ListFreightAvailableToStage}): of
   * every requested origin, the Freight that {@code IsFreightAvailable} admits, sorted by name.
   */
  public List<Freight> availableFreight(String stage) {
    return controller.availableFreight(stage);
  }

  /** Whether Freight (by name or alias) is available to {@code stage} now. */
  public boolean isAvailable(String freight, String stage) {
    return controller.isAvailable(freight, stage);
  }

  // ------------------------------------------------------------------ promotions

  /**
   * Queues a Promotion of Freight (by name or alias) to {@code stage}, asked for by the user
   * {@code kargo4j}; see {@link #promote(String, String, String)}.
   */
  public PromotionHandle promote(String stage, String freight) {
    return promote(stage, freight, "kargo4j");
  }

  /**
   * Queues a Promotion of Freight (by name or alias) to {@code stage}, built as Kargo's webhook
   * builds one (name, vars, inflated tasks) and annotated with the auto-promotion hold or
   * resume intent when the Stage auto-promotes. It runs after the Stage's earlier Promotions.
   *
   * @param actor who asks for it (Kargo's {@code create-actor}); actors starting with
   *     {@code controller:} count as the system and set no hold
   * @throws KargoException when the Stage or Freight does not exist, the Stage is a
   *     control-flow Stage, the Freight is not available to it, or its tasks do not inflate
   */
  public PromotionHandle promote(String stage, String freight, String actor) {
    ProjectController.Queued q = controller.promote(stage, freight, actor);
    return new PromotionHandle(q.promotion(), q.done());
  }

  /**
   * Kargo's "promote to downstream": queues a Promotion of Freight (by name or alias) to every
   * Stage that takes that Freight's origin from {@code fromStage}, skipping control-flow
   * Stages.
   *
   * @throws KargoException when no Stage is downstream of {@code fromStage}, or the Freight is
   *     not available to one of them (then nothing is queued)
   */
  public List<PromotionHandle> promoteToDownstream(String fromStage, String freight) {
    List<PromotionHandle> out = new ArrayList<>();
    for (ProjectController.Queued q : controller.promoteToDownstream(fromStage, freight, "kargo4j")) {
      out.add(new PromotionHandle(q.promotion(), q.done()));
    }
    return out;
  }

  /**
   * Aborts a Promotion (Kargo's terminate action): a Pending one never runs, a Running one
   * stops at the next step boundary, its running step Aborted. A terminal one is returned
   * unchanged. Aborted Promotions neither set nor clear auto-promotion holds.
   *
   * @throws KargoException when there is no such Promotion
   */
  public Promotion abort(String promotion) {
    return controller.abort(promotion, "kargo4j");
  }

  /**
   * Verifies the Stage's current Freight again (Kargo's {@code reverify}); a no-op while a
   * verification is running.
   *
   * @throws KargoException when the Stage does not exist or has no Freight
   */
  public void reverify(String stage) {
    controller.reverify(stage, "kargo4j");
  }

  /**
   * Aborts the running verification of the Stage's current Freight (Kargo's
   * {@code abort-verification}); a no-op when none is running.
   */
  public void abortVerification(String stage) {
    controller.abortVerification(stage, "kargo4j");
  }

  /**
   * Renders every step of the Promotion of Freight (by name or alias) to {@code stage} that
   * {@link #promote(String, String)} would queue, each step's {@code if} and config, without
   * storing or running anything (Kargo's functions read the store and the Project's Secrets and
   * ConfigMaps; secrets are masked). The outputs of earlier steps are empty, so expressions over
   * {@code outputs} see nil; a step whose expressions fail shows the error. The Freight need not
   * be available to the Stage.
   *
   * @throws KargoException when the Stage or Freight does not exist, or the Stage's tasks do
   *     not inflate
   */
  public List<PromotionEngine.RenderedStep> dryRun(String stage, String freight) {
    return controller.dryRun(stage, freight, "kargo4j");
  }

  // ------------------------------------------------------------------ reads

  /**
   * The Stage with its current status.
   *
   * @throws KargoException when the Project has no such Stage
   */
  public Stage stage(String name) {
    return controller.stage(name);
  }

  /** Every Stage of the Project with its current status, in manifest order. */
  public List<Stage> stages() {
    return controller.stages();
  }

  /** Freight by name or alias. */
  public Optional<Freight> freight(String nameOrAlias) {
    return controller.freight(nameOrAlias);
  }

  /** All Freight of the Project, by name. */
  public List<Freight> freight() {
    return controller.store().listFreight(project());
  }

  /** A Promotion by name. */
  public Optional<Promotion> promotion(String name) {
    return controller.store().getPromotion(project(), name);
  }

  /** The Promotions of {@code stage}, oldest first. */
  public List<Promotion> promotions(String stage) {
    return controller.store().listPromotionsByStage(project(), stage);
  }

  // ------------------------------------------------------------------ driving

  /**
   * Reconciles every Stage again, e.g. after Freight was created in the store by discovery
   * running elsewhere.
   */
  public void refresh() {
    controller.reconcileAll();
  }

  /**
   * Runs everything that is due now on the clock and waits until the runtime is quiet: no
   * Stage has work queued or running and no timer is due. Future timers stay pending (see
   * {@link #nextTimer()}). With {@link Builder#manualTimers()} this is the only place timers
   * fire.
   *
   * @throws KargoException when interrupted, or when work keeps arriving for ten minutes
   */
  public void runUntilIdle() {
    controller.runUntilIdle();
  }

  /**
   * Waits in real time until no Stage has work queued or running (timers in the future do not
   * count).
   *
   * @return false when {@code timeout} passed first
   */
  public boolean awaitIdle(Duration timeout) {
    return controller.awaitIdle(timeout);
  }

  /** When the earliest pending timer is due on the clock, if any. */
  public Optional<Instant> nextTimer() {
    return controller.nextTimer();
  }

  /**
   * Stops the workers and timers this runtime owns (an injected executor or scheduler is left
   * running) and closes nothing else: the store stays open. Running Promotions stay Running in
   * the store and resume in the next runtime.
   */
  @Override
  public void close() {
    controller.close();
  }

  /** Builds a {@link ProjectRuntime}; not thread-safe. */
  public static final class Builder {
    private String project;
    private ManifestSet manifests = ManifestSet.EMPTY;
    private Store store;
    private PromotionEngine.Builder engine;
    private StepRegistry steps;
    private HealthCheckerRegistry healthCheckers = HealthCheckerRegistry.empty();
    private MetricProviderRegistry metricProviders = MetricProviderRegistry.empty();
    private final Map<Capability<?>, Object> capabilities = new HashMap<>();
    private ExprEngine expressions = ExprEngine.standard();
    private Clock clock = Clock.systemUTC();
    private Executor executor;
    private ScheduledExecutorService scheduler;
    private boolean manualTimers;
    private final Set<PipelineListener> listeners = new LinkedHashSet<>();
    private SubscriptionSourceRegistry discoverySources;
    private DiscoveryOptions discoveryOptions = DiscoveryOptions.defaults();
    private Duration healthRecheckInterval = Duration.ofSeconds(10);
    private ProjectData projectData;

    private Builder() {}

    /**
     * The Project; required when the manifests hold Stages of several Projects, otherwise taken
     * from them.
     */
    public Builder project(String project) {
      this.project = Objects.requireNonNull(project, "project");
      return this;
    }

    /**
     * The Project's manifests: Warehouses, Stages, PromotionTasks, ClusterPromotionTasks,
     * AnalysisTemplates, the ProjectConfig, Secrets and ConfigMaps. Freight and Promotions in
     * them are imported into the store when missing there.
     */
    public Builder manifests(ManifestSet manifests) {
      this.manifests = Objects.requireNonNull(manifests, "manifests");
      return this;
    }

    /** Where state is kept; an {@link InMemoryStore} on the runtime's clock by default. */
    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The step runners; the runtime builds its engine from them. Use {@link #engine} instead
     * to configure the engine further.
     */
    public Builder steps(StepRegistry steps) {
      this.steps = Objects.requireNonNull(steps, "steps");
      return this;
    }

    /**
     * A configured engine builder (steps, work root, capabilities...). The runtime sets its
     * clock, saver, status data and listener and adds the runtime's capabilities, then builds
     * it.
     */
    public Builder engine(PromotionEngine.Builder engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** The health checkers; none by default (registered checks then leave a Stage Unknown). */
    public Builder healthCheckers(HealthCheckerRegistry checkers) {
      this.healthCheckers = Objects.requireNonNull(checkers, "checkers");
      return this;
    }

    /** Metric providers besides the built-in {@code web}. */
    public Builder metricProviders(MetricProviderRegistry providers) {
      this.metricProviders = Objects.requireNonNull(providers, "providers");
      return this;
    }

    /** Supplies a capability to step runners, health checkers, metric providers and subscription sources. */
    public <T> Builder capability(Capability<T> capability, T value) {
      capabilities.put(capability, capability.cast(Objects.requireNonNull(value, "value")));
      return this;
    }

    /**
     * The Secrets and ConfigMaps the expression functions read; by default those of the
     * manifests (unless {@link #engine} is given: then the engine's, unless this is set).
     */
    public Builder projectData(ProjectData data) {
      this.projectData = Objects.requireNonNull(data, "data");
      return this;
    }

    /** The expression engine for verification arguments and conditions. */
    public Builder expressions(ExprEngine expressions) {
      this.expressions = Objects.requireNonNull(expressions, "expressions");
      return this;
    }

    /** The clock of every decision; UTC system time by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where Stage work runs (promotion passes, health checks, measurements); by default a
     * pool of daemon threads owned by the runtime. Give at least as many threads as Stages
     * should progress in parallel.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * What fires timers in real time; by default a daemon thread owned by the runtime. Delays
     * are computed on the runtime's clock.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Timers fire only inside {@link ProjectRuntime#runUntilIdle()}: for tests that move a
     * clock themselves (kargo-testkit's {@code ManualClock}).
     */
    public Builder manualTimers() {
      this.manualTimers = true;
      return this;
    }

    /** Adds a listener. */
    public Builder listener(PipelineListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Discovers the Project's Warehouses with {@code sources} (e.g.
     * {@link SubscriptionSourceRegistry#discover(ClassLoader)}): each when its
     * {@code spec.interval} has passed, and on {@link ProjectRuntime#refreshWarehouse}; see
     * {@link #discovery(SubscriptionSourceRegistry, DiscoveryOptions)}. Without it, Freight
     * comes only from {@link ProjectRuntime#createFreight} and the manifests.
     */
    public Builder discovery(SubscriptionSourceRegistry sources) {
      return discovery(sources, DiscoveryOptions.defaults());
    }

    /**
     * Discovers the Project's Warehouses with {@code sources}, as {@code options} say (for
     * example {@link DiscoveryOptions#onDemand()}: only on request). The sources get the
     * runtime's clock and the capabilities they declare from {@link #capability}; scheduled
     * discoveries run on the executor, their timers on the runtime's clock (with
     * {@link #manualTimers()} inside {@link ProjectRuntime#runUntilIdle()}).
     */
    public Builder discovery(SubscriptionSourceRegistry sources, DiscoveryOptions options) {
      this.discoverySources = Objects.requireNonNull(sources, "sources");
      this.discoveryOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** How often a Stage whose health is not yet Healthy is checked again; 10 s by default. */
    public Builder healthRecheckInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("healthRecheckInterval must be positive: " + interval);
      }
      this.healthRecheckInterval = interval;
      return this;
    }

    /**
     * The runtime; its Stages start reconciling at once (resuming Running Promotions).
     *
     * @throws KargoException when the Project is ambiguous or unknown, a Stage requests a
     *     Warehouse the manifests lack, neither steps nor engine was given, or a subscription
     *     source declares a capability that was not supplied
     */
    public ProjectRuntime build() {
      if (engine == null && steps == null) {
        throw new KargoException("ProjectRuntime needs step runners: call steps(StepRegistry) or"
            + " engine(PromotionEngine.Builder)");
      }
      Store s = store != null ? store : InMemoryStore.create(clock);
      RuntimeConfig config = new RuntimeConfig(project, manifests, s, engine, steps, healthCheckers,
          metricProviders, Map.copyOf(capabilities), expressions, clock, executor, scheduler, manualTimers,
          List.copyOf(listeners), discoverySources, discoveryOptions, healthRecheckInterval, projectData);
      return new ProjectRuntime(ProjectController.start(config));
    }
  }
}
