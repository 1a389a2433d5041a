package dev.kargo4j.core.discovery;

import dev.kargo4j.core.internal.Failures;
import dev.kargo4j.KargoException;
import dev.kargo4j.core.discovery.internal.DiscoveredFunctions;
import dev.kargo4j.core.freight.FreightIds;
import dev.kargo4j.core.model.ArtifactReference;
import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.ChartDiscoveryResult;
import dev.kargo4j.core.model.Condition;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.DiscoveredCommit;
import dev.kargo4j.core.model.DiscoveredImageReference;
import dev.kargo4j.core.model.DiscoveryResult;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCreationPolicy;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.GitDiscoveryResult;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ImageDiscoveryResult;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.WarehouseStatus;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.DiscoveryContext;
import dev.kargo4j.core.spi.SubscriptionSource;
import dev.kargo4j.expr.EvalLimits;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Warehouse discovery as Kargo's Warehouse controller does, by method call instead of a
 * reconcile loop, and says which Freight the newest artifacts make. It only discovers: it
 * stores nothing. A {@code ProjectRuntime} owns one (configured with
 * {@code ProjectRuntime.builder().discovery(...)}), runs it when each Warehouse is due or on
 * request, admits the candidate Freight (alias, store, {@code freightCreated}, waking the Stages
 * that request it) and stores the Warehouse status.
 *
 * <pre>{@code
 * WarehouseDiscoverer discoverer = WarehouseDiscoverer.builder()
 *     .sources(SubscriptionSourceRegistry.discover(classLoader))
 *     .credentials(credentials)
 *     .clock(clock)
 *     .build();
 * DiscoveryOutcome candidate = discoverer.discover(warehouseWithItsStoredStatus);
 * }</pre>
 *
 * <p>{@link #discover(Warehouse)}:
 *
 * <ol>
 *   <li>hands every subscription to the {@link SubscriptionSource} of its type (so git and
 *       plug-in types take part), each with a {@link DiscoveryContext} offering only the
 *       capabilities the source declared, and records the results, best first, in the
 *       Warehouse status ({@code discoveredArtifacts}, with {@code discoveredAt});
 *   <li>when a subscription found nothing, marks the Warehouse unhealthy with Kargo's reason
 *       ({@code NoImageReferencesDiscovered}, ...) and builds no Freight;
 *   <li>with {@code freightCreationPolicy: Automatic} and satisfied
 *       {@code freightCreationCriteria} (kargo-expr, with {@code commitFrom}, {@code imageFrom},
 *       {@code chartFrom}, {@code artifactFrom} over the discovered artifacts), builds the
 *       candidate Freight from the first candidate of every subscription, named by its Kargo
 *       Freight ID, origin {@code Warehouse/<name>}, without an alias: the same artifacts
 *       always make the same name, so admitting it twice creates it once;
 *   <li>returns the status with Kargo's conditions ({@code Healthy}, {@code Ready},
 *       {@code FreightCreationCriteriaSatisfied}); {@code FreightCreated} and
 *       {@code lastFreightID} are set when the candidate is admitted
 *       ({@link DiscoveryOutcome#withAdmittedFreight}).
 * </ol>
 *
 * <p>The previous status is the Warehouse's own ({@link Warehouse#status()}): pass the
 * Warehouse with its stored status. A failure to discover (a registry that cannot be reached,
 * refused credentials, an unknown subscription type) is recorded in the status
 * ({@code Healthy=False}, reason {@code DiscoveryFailed}) and returned in
 * {@link DiscoveryOutcome#failure()}; the previously discovered artifacts are kept. Since
 * embedded Warehouses have no Kubernetes generation, {@code status.observedGeneration} holds a
 * fingerprint of the spec: sources get the previous result ({@link DiscoveryContext#previous()})
 * only while the spec is unchanged.
 *
 * <p>Immutable and thread-safe; callers serialize discoveries of one Warehouse (the runtime
 * does).
 */
public final class WarehouseDiscoverer {
  /** Condition type: the Warehouse is healthy. */
  public static final String HEALTHY = "Healthy";
  /** Condition type: the Warehouse is ready. */
  public static final String READY = "Ready";
  /** Condition type: whether the Freight creation criteria were satisfied. */
  public static final String CRITERIA_SATISFIED = "FreightCreationCriteriaSatisfied";
  /** Condition type: whether new Freight was created. */
  public static final String FREIGHT_CREATED = "FreightCreated";
  /** The annotation whose new value requests a discovery (Kargo's refresh). */
  public static final String REFRESH_ANNOTATION = "kargo.akuity.io/refresh";

  private static final Logger LOG = LoggerFactory.getLogger(WarehouseDiscoverer.class);

  private final SubscriptionSourceRegistry sources;
  private final Clock clock;
  private final Map<Capability<?>, Object> capabilities;
  private final EvalLimits limits;
  private final Duration minimumInterval;
  private volatile HttpClient defaultHttp;

  private WarehouseDiscoverer(Builder b) {
    this.sources = b.sources;
    this.clock = b.clock;
    this.capabilities = Map.copyOf(b.capabilities);
    this.limits = b.limits;
    this.minimumInterval = b.minimumInterval;
  }

  /** A builder; {@link Builder#sources} is required. */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ when

  /**
   * Kargo's {@code shouldDiscoverArtifacts}: whether {@code warehouse} (with its stored status)
   * should be discovered now because nothing was discovered yet, its spec changed, a refresh
   * was requested (a new value of the {@value #REFRESH_ANNOTATION} annotation) or its
   * {@linkplain #interval interval} has passed since the last discovery.
   */
  public boolean isDue(Warehouse warehouse) {
    WarehouseStatus status = warehouse.status();
    DiscoveredArtifacts da = status.discoveredArtifacts();
    if (da == null || da.discoveredAt() == null) {
      return true;
    }
    if (status.observedGeneration() != fingerprint(warehouse)) {
      return true;
    }
    String token = warehouse.metadata().annotations().get(REFRESH_ANNOTATION);
    if (token != null && !token.equals(status.lastHandledRefresh())) {
      return true;
    }
    return da.discoveredAt().plus(interval(warehouse)).isBefore(clock.instant());
  }

  /**
   * Kargo's {@code GetInterval}: the Warehouse's {@code spec.interval} (Kargo's default
   * {@code 5m0s} when absent), at least the {@linkplain Builder#minimumInterval minimum
   * interval}.
   */
  public Duration interval(Warehouse warehouse) {
    Duration interval = warehouse.spec().interval();
    return interval.compareTo(minimumInterval) < 0 ? minimumInterval : interval;
  }

  // ------------------------------------------------------------------ discover

  /**
   * Discovers {@code warehouse} (with its stored status, the previous one) now and, as its
   * policy and criteria say, builds the candidate Freight; stores nothing. Never throws for
   * what a registry, a repository or the criteria do: such failures are in the outcome.
   *
   * @throws KargoException when the Warehouse has no Project ({@code metadata.namespace})
   */
  public DiscoveryOutcome discover(Warehouse warehouse) {
    Objects.requireNonNull(warehouse, "warehouse");
    String project = warehouse.project();
    if (project.isEmpty()) {
      throw new KargoException("Warehouse " + warehouse.name()
          + " has no Project; set metadata.namespace to the Project's name");
    }
    return discover(project, warehouse);
  }

  private DiscoveryOutcome discover(String project, Warehouse w) {
    WarehouseStatus prev = w.status();
    long fingerprint = fingerprint(w);
    Instant now = clock.instant();
    Conditions conditions = new Conditions(prev.conditions(), now, fingerprint);
    conditions.remove(CRITERIA_SATISFIED);
    conditions.remove(FREIGHT_CREATED);
    String token = w.metadata().annotations().get(REFRESH_ANNOTATION);
    String handledRefresh = token != null ? token : prev.lastHandledRefresh();
    DiscoveredArtifacts previous = prev.observedGeneration() == fingerprint ? prev.discoveredArtifacts() : null;

    DiscoveredArtifacts artifacts;
    try {
      artifacts = discoverAll(project, w, previous, now);
    } catch (RuntimeException e) {
      KargoException failure = e instanceof KargoException k ? k
          : new KargoException("discovery of Warehouse " + w.name() + " failed: " + e, e);
      LOG.info("discovery of Warehouse {}/{} failed: {}", project, w.name(), failure.getMessage());
      conditions.set(HEALTHY, false, "DiscoveryFailed", "Unable to discover artifacts: " + failure.getMessage());
      conditions.set(READY, false, "DiscoveryFailure", "Artifact discovery failed: " + failure.getMessage());
      WarehouseStatus status = new WarehouseStatus(conditions.list(), handledRefresh, prev.observedGeneration(),
          prev.lastFreightID(), prev.discoveredArtifacts());
      return new DiscoveryOutcome(project, w.name(), status, null, false, failure);
    }

    String lastFreightId = prev.lastFreightID();
    String invalid = validate(artifacts, conditions);
    if (invalid != null) {
      WarehouseStatus status = new WarehouseStatus(conditions.list(), handledRefresh, fingerprint, lastFreightId, artifacts);
      return new DiscoveryOutcome(project, w.name(), status, null, false, null);
    }

    Freight freight = null;
    if (w.spec().freightCreationPolicy() == FreightCreationPolicy.AUTOMATIC) {
      boolean satisfied;
      try {
        satisfied = DiscoveredFunctions.criteriaSatisfied(w.spec().freightCreationCriteria(), artifacts, limits, clock);
      } catch (KargoException e) {
        String msg = "Evaluation of Freight creation criteria failed: " + e.getMessage();
        conditions.set(HEALTHY, false, "CriteriaEvaluationFailed", msg);
        conditions.set(READY, false, "CriteriaEvaluationFailed", msg);
        WarehouseStatus status = new WarehouseStatus(conditions.list(), handledRefresh, fingerprint, lastFreightId, artifacts);
        return new DiscoveryOutcome(project, w.name(), status, null, false, e);
      }
      if (!satisfied) {
        conditions.set(CRITERIA_SATISFIED, false, "CriteriaNotSatisfied", "Freight creation criteria were not satisfied");
      } else {
        conditions.set(CRITERIA_SATISFIED, true, "CriteriaSatisfied", "Freight creation criteria satisfied");
        freight = build(project, w, artifacts, now);
      }
    }
    conditions.set(HEALTHY, true, "ReconciliationSucceeded", "");
    conditions.set(READY, true, "ArtifactsDiscovered", "Successfully discovered artifacts from "
        + w.spec().subscriptions().size() + " subscriptions");
    WarehouseStatus status = new WarehouseStatus(conditions.list(), handledRefresh, fingerprint, lastFreightId, artifacts);
    return new DiscoveryOutcome(project, w.name(), status, freight, false, null);
  }

  private DiscoveredArtifacts discoverAll(String project, Warehouse w, DiscoveredArtifacts previous, Instant now) {
    List<GitDiscoveryResult> git = new ArrayList<>();
    List<ImageDiscoveryResult> images = new ArrayList<>();
    List<ChartDiscoveryResult> charts = new ArrayList<>();
    List<DiscoveryResult> results = new ArrayList<>();
    List<Subscription> subs = w.spec().subscriptions();
    for (int i = 0; i < subs.size(); i++) {
      Subscription sub = subs.get(i);
      String where = "subscriptions[" + i + "] (" + sub.type() + (sub.name().isEmpty() ? "" : " " + sub.name()) + ")";
      SubscriptionSource source = sources.find(sub.type()).orElseThrow(() -> new KargoException(
          "Warehouse " + w.name() + " " + where + ": no subscription source for type '" + sub.type() + "'; known: "
              + String.join(", ", sources.types()) + " (plug-ins register theirs through ServiceLoader or the registry)"));
      DiscoveredArtifacts r;
      try {
        r = source.discover(sub, new Context(project, w.name(), previous, source));
      } catch (KargoException e) {
        throw new KargoException(where + ": " + e.getMessage(), e);
      } catch (Throwable e) {
        // a source's Error is this discovery's failure (Failures)
        Failures.rethrowIfFatal(e);
        throw new KargoException(where + ": subscription source " + source.getClass().getName() + " failed: "
            + (e instanceof Exception ? e.toString() : Failures.describe(e)), e);
      }
      if (r == null || r.git().size() + r.images().size() + r.charts().size() + r.results().size() != 1) {
        throw new KargoException(where + ": subscription source " + source.getClass().getName()
            + " must return exactly one result, returned " + (r == null ? "null"
            : (r.git().size() + r.images().size() + r.charts().size() + r.results().size())));
      }
      git.addAll(r.git());
      images.addAll(r.images());
      charts.addAll(r.charts());
      results.addAll(r.results());
    }
    return new DiscoveredArtifacts(now, git, images, charts, results);
  }

  /** Kargo's {@code validateDiscoveredArtifacts} (and empty generic results); returns the problem or null. */
  private static String validate(DiscoveredArtifacts a, Conditions c) {
    if (a.git().size() + a.images().size() + a.charts().size() + a.results().size() == 0) {
      return fail(c, "MissingArtifacts", "MissingArtifacts", "No artifacts discovered");
    }
    for (GitDiscoveryResult r : a.git()) {
      if (r.commits().isEmpty()) {
        return fail(c, "NoCommitsDiscovered", "MissingCommits", "No commits discovered for Git repository \""
            + r.repoURL() + "\"");
      }
    }
    for (ImageDiscoveryResult r : a.images()) {
      if (r.references().isEmpty()) {
        return fail(c, "NoImageReferencesDiscovered", "MissingImageReferences",
            "No references discovered for image repository \"" + r.repoURL() + "\"");
      }
    }
    for (ChartDiscoveryResult r : a.charts()) {
      if (r.versions().isEmpty()) {
        return fail(c, "NoChartVersionsDiscovered", "MissingChartVersions", "No versions discovered for chart "
            + (r.name().isEmpty() ? "" : "\"" + r.name() + "\"") + " from repository \"" + r.repoURL() + "\"");
      }
    }
    for (DiscoveryResult r : a.results()) {
      if (r.artifactReferences().isEmpty()) {
        return fail(c, "NoArtifactsDiscovered", "MissingArtifacts", "No artifacts discovered for subscription \""
            + r.subscriptionName() + "\"");
      }
    }
    return null;
  }

  private static String fail(Conditions c, String healthReason, String readyReason, String message) {
    c.set(HEALTHY, false, healthReason, message);
    c.set(READY, false, readyReason, message);
    return message;
  }

  /** Kargo's {@code buildFreightFromLatestArtifacts}: element 0 of every result. */
  private Freight build(String project, Warehouse w, DiscoveredArtifacts a, Instant now) {
    List<GitCommit> commits = new ArrayList<>();
    for (GitDiscoveryResult r : a.git()) {
      DiscoveredCommit c = r.commits().get(0);
      commits.add(new GitCommit(r.repoURL(), c.id(), c.branch(), c.tag(), c.subject(), c.author(), c.committer(),
          r.subscriptionName()));
    }
    List<Image> images = new ArrayList<>();
    for (ImageDiscoveryResult r : a.images()) {
      DiscoveredImageReference i = r.references().get(0);
      images.add(new Image(r.repoURL(), i.tag(), i.digest(), i.annotations(), r.subscriptionName()));
    }
    List<Chart> charts = new ArrayList<>();
    for (ChartDiscoveryResult r : a.charts()) {
      charts.add(new Chart(r.repoURL(), r.name(), r.versions().get(0), r.subscriptionName()));
    }
    List<ArtifactReference> artifacts = new ArrayList<>();
    for (DiscoveryResult r : a.results()) {
      artifacts.add(r.artifactReferences().get(0));
    }
    String id = FreightIds.generate(w.origin(), commits, images, charts, artifacts);
    ObjectMeta meta = ObjectMeta.of(project, id).withCreationTimestamp(now);
    return new Freight(meta, "", null, w.origin(), commits, images, charts, artifacts, null);
  }

  /** A fingerprint of the spec, standing in for Kubernetes' generation. */
  static long fingerprint(Warehouse w) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(w.spec().toString().getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 7; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return v; // 56 bits: positive, and exact in JSON numbers
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpClient defaultHttp() {
    HttpClient c = defaultHttp;
    if (c == null) {
      synchronized (this) {
        c = defaultHttp;
        if (c == null) {
          c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
          defaultHttp = c;
        }
      }
    }
    return c;
  }

  /** The context one source sees for one subscription. */
  private final class Context implements DiscoveryContext {
    private final String project;
    private final String warehouse;
    private final DiscoveredArtifacts previous;
    private final SubscriptionSource source;
    private final Set<Capability<?>> declared;

    Context(String project, String warehouse, DiscoveredArtifacts previous, SubscriptionSource source) {
      this.project = project;
      this.warehouse = warehouse;
      this.previous = previous;
      this.source = source;
      this.declared = source.capabilities();
    }

    @Override
    public String project() {
      return project;
    }

    @Override
    public String warehouse() {
      return warehouse;
    }

    @Override
    public Optional<DiscoveredArtifacts> previous() {
      return Optional.ofNullable(previous);
    }

    @Override
    public <T> T capability(Capability<T> capability) {
      if (!declared.contains(capability)) {
        throw new KargoException("subscription source " + source.getClass().getName() + " asked for capability '"
            + capability + "' without declaring it in capabilities()");
      }
      Object v = capabilities.get(capability);
      if (v == null && capability.equals(Capability.CREDENTIALS)) {
        v = CredentialsProvider.NONE;
      }
      if (v == null && capability.equals(Capability.HTTP_CLIENT)) {
        v = defaultHttp();
      }
      if (v == null) {
        v = capability.defaultValue().orElse(null);
      }
      if (v == null) {
        throw new KargoException("capability '" + capability + "' needed by subscription source "
            + source.getClass().getName() + " was not supplied to the WarehouseDiscoverer");
      }
      return capability.cast(v);
    }

    @Override
    public Logger logger() {
      return LoggerFactory.getLogger(source.getClass());
    }

    @Override
    public Clock clock() {
      return clock;
    }
  }

  /** Conditions keyed by type, keeping transition times when a status does not change. */
  private static final class Conditions {
    private final Map<String, Condition> byType = new java.util.LinkedHashMap<>();
    private final Map<String, Condition> before = new HashMap<>();
    private final Instant now;
    private final long generation;

    Conditions(List<Condition> existing, Instant now, long generation) {
      for (Condition c : existing) {
        byType.put(c.type(), c);
        before.put(c.type(), c);
      }
      this.now = now;
      this.generation = generation;
    }

    void set(String type, boolean status, String reason, String message) {
      String s = status ? "True" : "False";
      Condition old = before.get(type);
      Instant transition = old != null && old.status().equals(s) && old.lastTransitionTime() != null
          ? old.lastTransitionTime() : now;
      byType.put(type, new Condition(type, s, generation, transition, reason, message));
    }

    void remove(String type) {
      byType.remove(type);
    }

    List<Condition> list() {
      return List.copyOf(byType.values());
    }
  }

  /** Builds a {@link WarehouseDiscoverer}. Not thread-safe; {@link #build()} validates. */
  public static final class Builder {
    private SubscriptionSourceRegistry sources;
    private Clock clock = Clock.systemUTC();
    private final Map<Capability<?>, Object> capabilities = new HashMap<>();
    private EvalLimits limits = EvalLimits.defaults();
    private Duration minimumInterval = Duration.ZERO;

    private Builder() {}

    /** The subscription sources, by type (required). */
    public Builder sources(SubscriptionSourceRegistry sources) {
      this.sources = Objects.requireNonNull(sources, "sources");
      return this;
    }

    /** The clock for discovery times, intervals and Freight creation times (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The host's credentials, handed to sources that declare {@link Capability#CREDENTIALS} (default: none). */
    public Builder credentials(CredentialsProvider credentials) {
      return capability(Capability.CREDENTIALS, credentials);
    }

    /** The HTTP client for sources that declare {@link Capability#HTTP_CLIENT} (default: one shared client). */
    public Builder httpClient(HttpClient client) {
      return capability(Capability.HTTP_CLIENT, client);
    }

    /** Supplies a capability that plug-in sources may declare. */
    public <T> Builder capability(Capability<T> capability, T value) {
      Objects.requireNonNull(capability, "capability");
      capabilities.put(capability, capability.cast(Objects.requireNonNull(value, "value")));
      return this;
    }

    /** Limits for evaluating {@code freightCreationCriteria} (default {@link EvalLimits#defaults()}). */
    public Builder expressionLimits(EvalLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The smallest interval {@link #isDue} and {@link #interval} honour, Kargo's system minimum (default none). */
    public Builder minimumInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("minimumInterval must not be negative, was " + interval);
      }
      this.minimumInterval = interval;
      return this;
    }

    /**
     * Builds the discoverer.
     *
     * @throws KargoException when sources are missing, or a source declares a
     *     capability that is not supplied (naming both)
     */
    public WarehouseDiscoverer build() {
      if (sources == null) {
        throw new KargoException("WarehouseDiscoverer needs sources(SubscriptionSourceRegistry); use"
            + " SubscriptionSourceRegistry.discover(classLoader) for the built-in and plug-in sources");
      }
      for (String type : sources.types()) {
        SubscriptionSource s = sources.source(type);
        for (Capability<?> c : s.capabilities()) {
          if (!c.equals(Capability.CREDENTIALS) && !c.equals(Capability.HTTP_CLIENT)
              && c.defaultValue().isEmpty() && !capabilities.containsKey(c)) {
            throw new KargoException("subscription source " + s.getClass().getName() + " (type " + type
                + ") needs capability '" + c + "', which was not supplied; add it with capability(...)");
          }
        }
      }
      return new WarehouseDiscoverer(this);
    }
  }
}
