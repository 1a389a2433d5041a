package dev.kargo4j.core.pipeline.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.discovery.DiscoveryOutcome;
import dev.kargo4j.core.discovery.WarehouseDiscoverer;
import dev.kargo4j.core.engine.ProjectData;
import dev.kargo4j.core.engine.PromotionBuilder;
import dev.kargo4j.core.engine.PromotionEngine;
import dev.kargo4j.core.engine.PromotionListener;
import dev.kargo4j.core.engine.PromotionTasks;
import dev.kargo4j.core.engine.StatusData;
import dev.kargo4j.core.engine.internal.PromotionWriter;
import dev.kargo4j.core.internal.Failures;
import dev.kargo4j.core.internal.Ulid;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.model.ApprovedStage;
import dev.kargo4j.core.model.ConfigMap;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.FreightStatus;
import dev.kargo4j.core.model.Project;
import dev.kargo4j.core.model.ProjectConfig;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.Secret;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.rollouts.AnalysisTemplate;
import dev.kargo4j.core.pipeline.HealthCheckerRegistry;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.ObjectAlreadyExistsException;
import dev.kargo4j.core.spi.StaleVersionException;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.spi.TargetFreight;
import dev.kargo4j.core.verification.Verifier;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind {@code ProjectRuntime}: the Project's specs, one serial worker per
 * Stage on the executor, the timer queue, Freight and Promotion bookkeeping, and the API
 * operations (promote, approve, abort, reverify). Stage reconciliation itself is in
 * {@link StageReconciler}. Thread-safe.
 */
public final class ProjectController {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectController.class);
  /** The Promotion annotation carrying hold intent. */
  public static final String HOLD_ANNOTATION = "kargo.akuity.io/auto-promotion-hold";
  /** The Promotion annotation carrying resume intent. */
  public static final String RESUME_ANNOTATION = "kargo.akuity.io/auto-promotion-resume";
  /** The actor of auto-promotions. */
  public static final String CONTROLLER_ACTOR = "controller:kargo4j";

  /** A queued Promotion and the future completing when it ends. */
  public record Queued(Promotion promotion, CompletableFuture<Promotion> done) {}

  final String project;
  final Store store;
  final Clock clock;
  final Map<String, Stage> stages;
  final Map<String, Warehouse> warehouses;
  final List<AnalysisTemplate> analysisTemplates;
  final ProjectConfig projectConfig;
  final PromotionTasks tasks;
  final PromotionEngine engine;
  /** Every Promotion write of the runtime goes through it (the engine's too). */
  final PromotionWriter promotionWriter;
  final Verifier verifier;
  final HealthCheckerRegistry healthCheckers;
  final Map<Capability<?>, Object> capabilities;
  final Events events;
  final Duration healthRecheckInterval;
  final dev.kargo4j.expr.ExprEngine expressions;
  final ProjectData projectData;
  private final FreightAdmission admission;
  /** Null without discovery. */
  private final WarehouseScheduler discovery;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final ScheduledExecutorService ownedScheduler;
  final TimerQueue timers;
  final Ulid ulids;
  private final Map<String, StageWorker> workers = new LinkedHashMap<>();
  private final Map<String, CompletableFuture<Promotion>> completions = new ConcurrentHashMap<>();
  final Map<String, VerificationRequest> reverifyRequests = new ConcurrentHashMap<>();
  final Map<String, VerificationRequest> abortVerificationRequests = new ConcurrentHashMap<>();
  private final StageReconciler reconciler;
  private final AtomicInteger busy = new AtomicInteger();
  private final Object idleLock = new Object();
  private volatile boolean closed;

  /** A reverify or abort-verification request for the verification {@code id} by {@code actor}. */
  record VerificationRequest(String id, String actor) {}

  private ProjectController(RuntimeConfig c) {
    ManifestSet m = c.manifests();
    this.project = resolveProject(c.project(), m);
    this.store = c.store();
    this.clock = c.clock();
    Map<String, Stage> st = new LinkedHashMap<>();
    for (Stage s : m.stages(project)) {
      st.put(s.name(), s);
    }
    this.stages = java.util.Collections.unmodifiableMap(st);
    Map<String, Warehouse> wh = new LinkedHashMap<>();
    for (Warehouse w : m.warehouses(project)) {
      wh.put(w.name(), w);
    }
    this.warehouses = java.util.Collections.unmodifiableMap(wh);
    for (Stage s : stages.values()) {
      for (FreightRequest r : s.spec().requestedFreight()) {
        if (!warehouses.containsKey(r.origin().name())) {
          throw new KargoException("Stage \"" + s.name() + "\" requests Freight from Warehouse \""
              + r.origin().name() + "\", which project \"" + project + "\" does not have; known: "
              + (warehouses.isEmpty() ? "(none)" : String.join(", ", warehouses.keySet())));
        }
      }
    }
    List<AnalysisTemplate> templates = new ArrayList<>();
    for (AnalysisTemplate t : m.analysisTemplates()) {
      if (t.clusterScoped() || project.equals(t.metadata().namespace())) {
        templates.add(t);
      }
    }
    this.analysisTemplates = List.copyOf(templates);
    this.projectConfig = m.projectConfig(project).orElse(null);
    this.tasks = PromotionTasks.of(m.promotionTasks(), m.clusterPromotionTasks());
    this.capabilities = c.capabilities();
    this.events = new Events(c.listeners());
    this.healthCheckers = c.healthCheckers();
    this.healthRecheckInterval = c.healthRecheckInterval();
    this.expressions = c.expressions();
    this.ulids = new Ulid(clock, new SecureRandom());
    this.projectData = c.projectData() != null ? c.projectData() : manifestData(m);

    PromotionEngine.Builder eb = c.engine() != null ? c.engine() : PromotionEngine.builder().steps(c.steps())
        .projectData(projectData);
    if (c.engine() != null && c.steps() != null) {
      eb.steps(c.steps());
    }
    if (c.engine() != null && c.projectData() != null) {
      eb.projectData(c.projectData());
    }
    for (Map.Entry<Capability<?>, Object> e : capabilities.entrySet()) {
      addCapability(eb, e.getKey(), e.getValue());
    }
    this.promotionWriter = new PromotionWriter(store);
    this.engine = eb.clock(clock).saver(promotionWriter::save).statusData(new StoreStatusData())
        .listener(new EngineEvents()).build();
    Verifier.Builder vb = Verifier.builder().metricProviders(c.metricProviders()).expressions(c.expressions())
        .clock(clock);
    for (Map.Entry<Capability<?>, Object> e : capabilities.entrySet()) {
      addCapability(vb, e.getKey(), e.getValue());
    }
    this.verifier = vb.build();

    if (c.executor() != null) {
      this.executor = c.executor();
      this.ownedExecutor = null;
    } else {
      int n = Math.max(4, Math.min(16, stages.size() + 1));
      this.ownedExecutor = Executors.newFixedThreadPool(n, daemon("kargo4j-" + project + "-stage"));
      this.executor = ownedExecutor;
    }
    ScheduledExecutorService scheduler = null;
    if (!c.manualTimers()) {
      if (c.scheduler() != null) {
        scheduler = c.scheduler();
        this.ownedScheduler = null;
      } else {
        this.ownedScheduler = Executors.newSingleThreadScheduledExecutor(daemon("kargo4j-" + project + "-timers"));
        scheduler = ownedScheduler;
      }
    } else {
      this.ownedScheduler = null;
    }
    this.timers = new TimerQueue(clock, scheduler, this::onTimer);
    for (String s : stages.keySet()) {
      workers.put(s, new StageWorker(s));
    }
    this.admission = new FreightAdmission(project, store, warehouses.keySet(), new SecureRandom(), events,
        this::wakeStagesRequesting);
    this.discovery = c.discoverySources() == null ? null : new WarehouseScheduler(project, store, clock,
        discoverer(c), admission, events, c.discoveryOptions().scheduled(),
        (w, at) -> wakeAt(WAREHOUSE_TIMER + w, at));
    this.reconciler = new StageReconciler(this);
  }

  /**
   * Builds the controller, imports the manifests' Freight and Promotions, wakes every Stage and
   * plans the Warehouses' discoveries.
   */
  public static ProjectController start(RuntimeConfig config) {
    ProjectController c = new ProjectController(config);
    c.importManifestObjects(config.manifests());
    c.reconcileAll();
    if (c.discovery != null) {
      c.discovery.start(c.warehouses.values());
    }
    return c;
  }

  /** The runtime-owned discoverer: the runtime's clock and capabilities, the host's sources and options. */
  private WarehouseDiscoverer discoverer(RuntimeConfig c) {
    WarehouseDiscoverer.Builder b = WarehouseDiscoverer.builder().sources(c.discoverySources()).clock(clock)
        .minimumInterval(c.discoveryOptions().minimumInterval())
        .expressionLimits(c.discoveryOptions().expressionLimits());
    for (Map.Entry<Capability<?>, Object> e : capabilities.entrySet()) {
      addCapability(b, e.getKey(), e.getValue());
    }
    return b.build();
  }

  @SuppressWarnings("unchecked")
  private static <T> void addCapability(WarehouseDiscoverer.Builder b, Capability<T> cap, Object value) {
    b.capability(cap, (T) value);
  }

  @SuppressWarnings("unchecked")
  private static <T> void addCapability(PromotionEngine.Builder b, Capability<T> cap, Object value) {
    b.capability(cap, (T) value);
  }

  @SuppressWarnings("unchecked")
  private static <T> void addCapability(Verifier.Builder b, Capability<T> cap, Object value) {
    b.capability(cap, (T) value);
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static String resolveProject(String requested, ManifestSet m) {
    Set<String> known = new LinkedHashSet<>();
    for (Project p : m.projects()) {
      known.add(p.name());
    }
    for (Stage s : m.stages()) {
      known.add(s.project());
    }
    for (Warehouse w : m.warehouses()) {
      known.add(w.metadata().namespace());
    }
    known.remove("");
    if (requested != null) {
      if (!known.isEmpty() && !known.contains(requested)) {
        throw new KargoException("project \"" + requested + "\" is not in the manifests; they have: "
            + String.join(", ", known));
      }
      return requested;
    }
    if (known.size() != 1) {
      throw new KargoException(known.isEmpty()
          ? "the manifests name no Project: set one with ProjectRuntime.builder().project(...)"
          : "the manifests hold several Projects (" + String.join(", ", known)
              + "): choose one with ProjectRuntime.builder().project(...)");
    }
    return known.iterator().next();
  }

  private ProjectData manifestData(ManifestSet m) {
    Map<String, Map<String, String>> secrets = new TreeMap<>();
    for (Secret s : m.secrets()) {
      secrets.put(s.metadata().namespace() + "/" + s.metadata().name(), s.data());
    }
    Map<String, Map<String, String>> configMaps = new TreeMap<>();
    for (ConfigMap cm : m.configMaps()) {
      configMaps.put(cm.metadata().namespace() + "/" + cm.metadata().name(), cm.data());
    }
    return new ProjectData() {
      @Override
      public Map<String, String> secret(String p, String name) {
        return secrets.getOrDefault(p + "/" + name, Map.of());
      }

      @Override
      public Map<String, String> configMap(String p, String name) {
        return configMaps.getOrDefault(p + "/" + name, Map.of());
      }
    };
  }

  private void importManifestObjects(ManifestSet m) {
    List<Freight> freight = new ArrayList<>();
    for (Freight f : m.freight()) {
      if (f.project().isEmpty() || f.project().equals(project)) {
        freight.add(f);
      }
    }
    importFreight(freight);
    for (Promotion p : m.promotions()) {
      if ((p.project().isEmpty() || p.project().equals(project))
          && store.getPromotion(project, p.name()).isEmpty()) {
        try {
          store.createPromotion(p.withMetadata(p.metadata().withNamespace(project).withResourceVersion("")));
        } catch (ObjectAlreadyExistsException e) {
          // created concurrently: keep what is stored
        }
      }
    }
  }

  // ================================================================== reads

  public String project() {
    return project;
  }

  public Store store() {
    return store;
  }

  /** The Stage's spec, or a KargoException naming the known Stages. */
  Stage spec(String name) {
    Stage s = stages.get(name);
    if (s == null) {
      throw new KargoException("project \"" + project + "\" has no Stage \"" + name + "\"; known: "
          + (stages.isEmpty() ? "(none)" : String.join(", ", stages.keySet())));
    }
    return s;
  }

  public Stage stage(String name) {
    Stage s = spec(name);
    return store.getStageStatus(project, name).map(v -> s.withStatus(v.value())).orElse(s);
  }

  public List<Stage> stages() {
    List<Stage> out = new ArrayList<>();
    Map<String, Store.Versioned<StageStatus>> statuses = store.listStageStatuses(project);
    for (Stage s : stages.values()) {
      Store.Versioned<StageStatus> v = statuses.get(s.name());
      out.add(v == null ? s : s.withStatus(v.value()));
    }
    return out;
  }

  public Optional<Freight> freight(String nameOrAlias) {
    Optional<Freight> f = store.getFreight(project, nameOrAlias);
    return f.isPresent() ? f : store.getFreightByAlias(project, nameOrAlias);
  }

  Freight requireFreight(String nameOrAlias) {
    return freight(nameOrAlias).orElseThrow(() -> new KargoException("Freight \"" + nameOrAlias
        + "\" not found in project \"" + project + "\" (by name or alias)"));
  }

  // ================================================================== Freight

  public Freight createFreight(Freight freight) {
    return admission.create(freight);
  }

  public List<Freight> importFreight(Collection<Freight> freight) {
    return admission.admitAll(freight);
  }

  /** Discovers the Warehouse {@code name} now (Kargo's refresh), admitting the Freight it makes. */
  public DiscoveryOutcome discoverWarehouse(String name) {
    Warehouse w = warehouses.get(name);
    if (w == null) {
      throw new KargoException("project \"" + project + "\" has no Warehouse \"" + name + "\"; known: "
          + (warehouses.isEmpty() ? "(none)" : String.join(", ", warehouses.keySet())));
    }
    if (discovery == null) {
      throw new KargoException("refreshing Warehouse \"" + name + "\" needs discovery: configure"
          + " ProjectRuntime.builder().discovery(SubscriptionSourceRegistry.discover(classLoader))");
    }
    return discovery.discover(w);
  }

  /** Applies {@code change} to the stored Freight's status, retrying on concurrent writes. */
  Freight updateFreightStatus(String name, UnaryOperator<FreightStatus> change) {
    for (int attempt = 0; ; attempt++) {
      Freight f = store.getFreight(project, name).orElseThrow(() -> new KargoException("Freight \"" + name
          + "\" not found in project \"" + project + "\""));
      FreightStatus next = change.apply(f.status());
      if (next.equals(f.status())) {
        return f;
      }
      try {
        Freight saved = store.updateFreight(f.withStatus(next));
        events.freightStatusChanged(saved);
        return saved;
      } catch (StaleVersionException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  public Freight approve(String freightName, String stageName, String actor) {
    Stage stage = spec(stageName);
    Freight f = requireFreight(freightName);
    if (!stage.requests(f.origin())) {
      throw new KargoException("Stage \"" + stageName + "\" does not request Freight from origin "
          + f.origin() + "; it requests: " + origins(stage));
    }
    Instant now = clock.instant();
    Freight saved = updateFreightStatus(f.name(), s -> s.approvedFor().containsKey(stageName) ? s
        : s.withApprovedFor(stageName, new ApprovedStage(now)));
    LOG.debug("Freight {} approved for Stage {} by {}", f.name(), stageName, actor);
    requestReconcile(stageName);
    return saved;
  }

  private static String origins(Stage stage) {
    return String.join(", ", stage.spec().requestedFreight().stream().map(r -> r.origin().toString()).toList());
  }

  public List<Freight> availableFreight(String stageName) {
    return reconciler.availableFreight(spec(stageName), clock.instant());
  }

  public boolean isAvailable(String freightName, String stageName) {
    Stage stage = spec(stageName);
    return freight(freightName).map(f -> Availability.isFreightAvailable(stage, f, clock.instant())).orElse(false);
  }

  // ================================================================== Promotions

  public Queued promote(String stageName, String freightName, String actor) {
    Stage stage = spec(stageName);
    Freight f = requireFreight(freightName);
    checkPromotable(stage, f);
    return createPromotion(stage, f, actor, true);
  }

  private void checkPromotable(Stage stage, Freight f) {
    if (stage.isControlFlow()) {
      throw new KargoException("Stage \"" + stage.name() + "\" has no promotion steps: a control-flow Stage is"
          + " not promoted to; promote to its downstream Stages instead");
    }
    if (!stage.requests(f.origin())) {
      throw new KargoException("Stage \"" + stage.name() + "\" does not request Freight from origin "
          + f.origin() + "; it requests: " + origins(stage));
    }
    if (!Availability.isFreightAvailable(stage, f, clock.instant())) {
      throw new KargoException("Freight \"" + f.name() + "\" is not available to Stage \"" + stage.name()
          + "\": it must be approved for it, or verified (and soaked) in " + upstreamText(stage, f));
    }
  }

  private static String upstreamText(Stage stage, Freight f) {
    for (FreightRequest r : stage.spec().requestedFreight()) {
      if (r.origin().equals(f.origin())) {
        String strategy = r.sources().availabilityStrategy().name().equals("ALL") ? "all of" : "one of";
        String soak = r.sources().requiredSoakTime() == null ? ""
            : " for at least " + r.sources().requiredSoakTime();
        return strategy + " its upstream Stages " + r.sources().stages() + soak;
      }
    }
    return "its upstream Stages";
  }

  /** Builds, annotates and stores a Promotion, then wakes the Stage. */
  Queued createPromotion(Stage stage, Freight f, String actor, boolean user) {
    Promotion p = PromotionBuilder.forStage(stage).freight(f).tasks(tasks).actor(actor).clock(clock)
        .ulids(ulids).build();
    if (user && !actor.startsWith("controller:")) {
      p = reconciler.withHoldIntent(stage, p, f);
    }
    CompletableFuture<Promotion> done = new CompletableFuture<>();
    completions.put(p.name(), done);
    Promotion stored;
    try {
      stored = store.createPromotion(p);
    } catch (RuntimeException e) {
      completions.remove(p.name());
      throw e;
    }
    events.promotionCreated(stored);
    requestReconcile(stage.name());
    return new Queued(stored, done);
  }

  public List<Queued> promoteToDownstream(String fromStage, String freightName, String actor) {
    spec(fromStage);
    Freight f = requireFreight(freightName);
    List<Stage> downstream = new ArrayList<>();
    for (Stage s : stages.values()) {
      for (FreightRequest r : s.spec().requestedFreight()) {
        if (r.origin().equals(f.origin()) && r.sources().stages().contains(fromStage)) {
          downstream.add(s);
          break;
        }
      }
    }
    if (downstream.isEmpty()) {
      throw new KargoException("Stage \"" + fromStage + "\" has no downstream stages");
    }
    for (Stage s : downstream) {
      if (!Availability.isFreightAvailable(s, f, clock.instant())) {
        throw new KargoException("Freight \"" + f.name() + "\" is not available to downstream Stage \""
            + s.name() + "\"");
      }
    }
    List<Queued> out = new ArrayList<>();
    for (Stage s : downstream) {
      if (!s.isControlFlow()) {
        out.add(createPromotion(s, f, actor, true));
      }
    }
    return out;
  }

  /**
   * Renders every step of a Promotion of Freight (by name or alias) to the Stage, as
   * {@link #promote} would build it, without storing or running anything.
   */
  public List<PromotionEngine.RenderedStep> dryRun(String stageName, String freightName, String actor) {
    Stage stage = stage(stageName);
    Freight f = requireFreight(freightName);
    Promotion p = PromotionBuilder.forStage(stage).freight(f).tasks(tasks).actor(actor).clock(clock).ulids(ulids)
        .build();
    return engine.dryRun(p, TargetFreight.forStage(stage, f, warehouses));
  }

  public Promotion abort(String name, String actor) {
    Promotion p = store.getPromotion(project, name).orElseThrow(() -> new KargoException("Promotion \"" + name
        + "\" not found in project \"" + project + "\""));
    if (p.status().isTerminal()) {
      return p;
    }
    Promotion aborted = engine.abort(p, actor);
    promotionEnded(aborted);
    requestReconcile(p.spec().stage());
    return aborted;
  }

  /** Completes the Promotion's future once it is terminal. */
  void promotionEnded(Promotion p) {
    if (p.status().isTerminal()) {
      CompletableFuture<Promotion> f = completions.remove(p.name());
      if (f != null) {
        f.complete(p);
      }
    }
  }

  public void reverify(String stageName, String actor) {
    Stage stage = stage(stageName);
    var cur = stage.status().currentFreight();
    if (cur == null) {
      throw new KargoException("Stage \"" + stageName + "\" has no Freight to verify");
    }
    var vi = cur.currentVerification();
    if (vi != null && !vi.isTerminal()) {
      return;
    }
    reverifyRequests.put(stageName, new VerificationRequest(vi == null ? "" : vi.id(), actor));
    requestReconcile(stageName);
  }

  public void abortVerification(String stageName, String actor) {
    Stage stage = stage(stageName);
    var cur = stage.status().currentFreight();
    var vi = cur == null ? null : cur.currentVerification();
    if (vi == null || vi.isTerminal()) {
      return;
    }
    abortVerificationRequests.put(stageName, new VerificationRequest(vi.id(), actor));
    requestReconcile(stageName);
  }

  // ================================================================== workers

  /** Timer keys of Warehouse discoveries: Stage names (DNS labels) have no slash. */
  private static final String WAREHOUSE_TIMER = "Warehouse/";

  /** A timer fired: a Stage to wake, or a Warehouse to discover. */
  private void onTimer(String key) {
    if (key.startsWith(WAREHOUSE_TIMER)) {
      discoverWhenDue(key.substring(WAREHOUSE_TIMER.length()));
    } else {
      requestReconcile(key);
    }
  }

  /** Runs a due discovery on the executor (it may wait on the network), counted as work for idleness. */
  private void discoverWhenDue(String name) {
    Warehouse w = warehouses.get(name);
    if (w == null || discovery == null || closed || !discovery.isDue(name)) {
      return;
    }
    busy.incrementAndGet();
    try {
      executor.execute(() -> {
        try {
          if (!closed) {
            discovery.discoverIfDue(w);
          }
        } catch (Throwable e) {
          // a failing discovery (a plug-in's Error included) costs this round; the next is planned
          Failures.rethrowIfFatal(e);
          LOG.warn("discovery of Warehouse {}/{} failed: {}", project, name, Failures.describe(e));
        } finally {
          done();
        }
      });
    } catch (Throwable e) {
      done();
      if (!(e instanceof RejectedExecutionException)) {
        throw e;
      }
    }
  }

  /** Asks Stage {@code name}'s worker to reconcile it (again). */
  void requestReconcile(String name) {
    StageWorker w = workers.get(name);
    if (w != null && !closed) {
      w.request();
    }
  }

  public void reconcileAll() {
    for (String s : stages.keySet()) {
      requestReconcile(s);
    }
  }

  /** Wakes every Stage requesting Freight of {@code origin}. */
  void wakeStagesRequesting(FreightOrigin origin) {
    for (Stage s : stages.values()) {
      if (s.requests(origin)) {
        requestReconcile(s.name());
      }
    }
  }

  /** Wakes every Stage that takes Freight from {@code upstream}. */
  void wakeDownstreamOf(String upstream) {
    for (Stage s : stages.values()) {
      for (FreightRequest r : s.spec().requestedFreight()) {
        if (r.sources().stages().contains(upstream)) {
          requestReconcile(s.name());
          break;
        }
      }
    }
  }

  /** Wakes {@code stage} at {@code at} on the clock. */
  void wakeAt(String stage, Instant at) {
    if (!closed) {
      timers.schedule(stage, at);
    }
  }

  private final class StageWorker {
    private final String stage;
    private boolean scheduled;
    private boolean dirty;

    StageWorker(String stage) {
      this.stage = stage;
    }

    void request() {
      synchronized (this) {
        dirty = true;
        if (scheduled) {
          return;
        }
        scheduled = true;
      }
      busy.incrementAndGet();
      try {
        executor.execute(this::drain);
      } catch (Throwable e) {
        // not scheduled after all: undo, or the Stage would never be scheduled again
        synchronized (this) {
          scheduled = false;
        }
        done();
        if (!(e instanceof RejectedExecutionException)) {
          throw e;
        }
      }
    }

    private void drain() {
      boolean finished = false;
      try {
        int passes = 0;
        while (!closed) {
          synchronized (this) {
            if (!dirty) {
              break;
            }
            dirty = false;
          }
          boolean again = reconcileSafely(stage);
          if (again) {
            if (++passes >= 50) {
              // keep the executor fair: continue from a fresh task
              wakeAt(stage, clock.instant());
              break;
            }
            synchronized (this) {
              dirty = true;
            }
          }
        }
        finished = true;
      } finally {
        // whatever ended this task (even an Error that reconcileSafely rethrew), the Stage must
        // stay schedulable: a worker left "scheduled" ignores every later request for ever
        try {
          boolean again;
          synchronized (this) {
            scheduled = false;
            // a request that came after the last check must not be lost
            again = finished && dirty && !closed;
          }
          if (!finished && !closed) {
            wakeAt(stage, clock.instant().plus(healthRecheckInterval));
          }
          if (again) {
            request(); // counted busy before this task's done(), so never idle in between
          }
        } finally {
          done(); // even when the heap is so short that the lines above failed
        }
      }
    }
  }

  private boolean reconcileSafely(String stage) {
    try {
      return reconciler.reconcile(spec(stage));
    } catch (StaleVersionException e) {
      LOG.debug("Stage {} changed while reconciling it; reconciling again: {}", stage, e.getMessage());
      return true;
    } catch (Throwable e) {
      // a failure (a plug-in's Error included) costs this pass, never the Stage (Failures)
      Failures.rethrowIfFatal(e);
      LOG.warn("reconciling Stage {} of project {} failed; retrying in {}: {}", stage, project,
          healthRecheckInterval, Failures.describe(e));
      LOG.debug("reconcile failure", e);
      wakeAt(stage, clock.instant().plus(healthRecheckInterval));
      return false;
    }
  }

  private void done() {
    if (busy.decrementAndGet() == 0) {
      synchronized (idleLock) {
        idleLock.notifyAll();
      }
    }
  }

  // ================================================================== driving

  public void runUntilIdle() {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (true) {
      timers.fireDue();
      if (!waitQuiet(deadline)) {
        throw new KargoException("project \"" + project + "\" did not become idle within 10 minutes");
      }
      if (!timers.hasDue()) {
        return;
      }
    }
  }

  private boolean waitQuiet(long deadlineNanos) {
    synchronized (idleLock) {
      while (busy.get() > 0) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          idleLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new KargoException("interrupted while waiting for project \"" + project + "\" to become idle", e);
        }
      }
      return true;
    }
  }

  public boolean awaitIdle(Duration timeout) {
    return waitQuiet(System.nanoTime() + timeout.toNanos());
  }

  public Optional<Instant> nextTimer() {
    return timers.next();
  }

  public void close() {
    closed = true;
    timers.close();
    if (ownedScheduler != null) {
      ownedScheduler.shutdownNow();
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
      try {
        if (!ownedExecutor.awaitTermination(30, TimeUnit.SECONDS)) {
          ownedExecutor.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ownedExecutor.shutdownNow();
      }
    }
  }

  // ================================================================== adapters

  private final class StoreStatusData implements StatusData {
    @Override
    public Optional<Map<String, Object>> freightMetadata(String p, String name) {
      return store.getFreight(p, name).map(f -> f.status().metadata()).filter(m -> !m.isEmpty());
    }

    @Override
    public Optional<Map<String, Object>> stageMetadata(String p, String name) {
      return store.getStageStatus(p, name).map(v -> v.value().metadata()).filter(m -> !m.isEmpty());
    }
  }

  private final class EngineEvents implements PromotionListener {
    @Override
    public void stepUpdated(Promotion promotion, StepExecutionMetadata step) {
      events.stepUpdated(promotion, step);
    }

    @Override
    public void phaseChanged(Promotion promotion) {
      events.promotionPhaseChanged(promotion);
    }
  }
}
