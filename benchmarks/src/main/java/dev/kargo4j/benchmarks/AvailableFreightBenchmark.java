package dev.kargo4j.benchmarks;

import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.freight.FreightIds;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.ApprovedStage;
import dev.kargo4j.core.model.AutoPromotionSelectionPolicy;
import dev.kargo4j.core.model.AvailabilityStrategy;
import dev.kargo4j.core.model.CurrentStage;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.FreightStatus;
import dev.kargo4j.core.model.Health;
import dev.kargo4j.core.model.HealthState;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.model.VerifiedStage;
import dev.kargo4j.core.pipeline.ProjectRuntime;
import dev.kargo4j.core.steps.OutputComposer;
import dev.kargo4j.core.store.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Listing the Freight available to one Stage in a Project with {@value #STAGES} Stages and
 * {@value #FREIGHT} Freight (issue 9): {@link ProjectRuntime#availableFreight(String)}, which is
 * Kargo's {@code ListFreightAvailableToStage} with {@code IsFreightAvailable} as the filter.
 *
 * <p><b>The Project.</b> One Warehouse {@code app} (one image subscription) and a tree of Stages,
 * each taking Freight from its upstream (all regular Stages with one promotion step):
 *
 * <pre>
 * dev (direct)          hotfix (direct)
 *  └ integration          │
 *     └ staging (soak 1h in integration)
 *        ├ canary-a (soak 2h)   ├ canary-b (soak 2h)
 *        └──── prod-gate (All of canary-a, canary-b; soak 4h) ────┘
 *               └ prod-r0 .. prod-r9                       10 regions
 *                  └ prod-rR-c0 .. -c8 (soak 30m)          90 clusters
 *                     └ prod-rR-cC-tK (OneOf cluster, hotfix)  893 tenants (depth 7)
 * </pre>
 *
 * <p><b>The Freight.</b> Freight {@code i} (0 oldest, one a minute) is verified in a Stage when
 * {@code i} is a multiple of that Stage's stride: every Freight in {@code dev}, every 2nd in
 * {@code integration}, every 10th in {@code staging}, every 50th/100th in the canaries, every
 * 100th in {@code prod-gate}, 200th in a region, 1,000th in a cluster, 2,000th in a tenant, and
 * every 5,000th in {@code hotfix} (222,670 {@code verifiedIn} entries in all). The newest
 * verified Freight of a Stage is {@code currentlyIn} it since it was verified (still soaking);
 * the others left it after a pseudo-random {@code longestSoak} between 0 and 8 h, so the soak
 * rules admit some and refuse others. Each tenant has one Freight {@code approvedFor} it, and
 * {@code staging} 100. The Freight records (with these statuses) and the Stage statuses
 * (current Freight, a successful verification, Healthy) are written straight into an
 * {@link InMemoryStore}; then the runtime is built over it ({@code manualTimers()}, a fixed
 * clock), reconciles all Stages once, and setup checks that no Freight status changed.
 *
 * <ul>
 *   <li>{@link #kargo4j()}: {@code runtime.availableFreight(stage)} (uses the store's
 *       per-Stage indexes);
 *   <li>{@link #plainJavaFilter()}: the peer, a plain Java baseline: one stream filter with the
 *       same availability rule (approval, direct, OneOf/All upstream verification, soak) over the
 *       list of all {@value #FREIGHT} Freight, already sorted by name.
 * </ul>
 *
 * <p>Setup checks that both return the same Freight for the Stage, and prints the heap used
 * (after GC) by the Freight records alone and by the populated store and runtime, and the time
 * the runtime took to start over the populated store.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar AvailableFreightBenchmark</pre>
 *
 * <p>Thread-safety: one instance per trial, shared by the benchmark threads; both methods only
 * read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AvailableFreightBenchmark {
  static final String PROJECT = "bench";
  static final String WAREHOUSE = "app";
  static final String REPO = "registry.example.com/app";
  static final int STAGES = 1_000;
  static final int FREIGHT = 100_000;
  static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

  /**
   * The Stage whose available Freight is listed: {@code dev} (direct), {@code integration}
   * (all of dev's verified Freight), {@code staging} (soak in integration, approvals),
   * {@code prod-gate} (All of two canaries with soak), {@code prod-r3-c4-t5} (a tenant at depth
   * 7, OneOf its cluster and hotfix).
   */
  @Param({"dev", "integration", "staging", "prod-gate", "prod-r3-c4-t5"})
  public String stage;

  private ProjectRuntime runtime;
  private List<Freight> allFreight;
  private Predicate<Freight> rule;
  private Clock clock;

  /** Populates the store, starts the runtime, checks, measures the heap. */
  @Setup
  public void setUp() {
    clock = Clock.fixed(T0, ZoneOffset.UTC);
    List<StageDef> stages = topology();
    if (stages.size() != STAGES) {
      throw new IllegalStateException("the topology has " + stages.size() + " Stages, not " + STAGES);
    }
    long base = usedHeapAfterGc();
    Population population = populate(stages);
    long recordsBytes = usedHeapAfterGc() - base;

    InMemoryStore store = InMemoryStore.create(clock);
    for (Freight f : population.freight) {
      store.createFreight(f);
    }
    for (Map.Entry<String, StageStatus> e : population.stageStatuses.entrySet()) {
      store.putStageStatus(PROJECT, e.getKey(), e.getValue(), null);
    }
    population = null; // the setup frame must not keep the records alive for the heap figure
    long start = System.nanoTime();
    runtime = ProjectRuntime.builder()
        .manifests(manifests(stages))
        .store(store)
        .steps(StepRegistry.of(new OutputComposer()))
        .clock(clock)
        .manualTimers()
        .build();
    runtime.runUntilIdle();
    long startupMillis = (System.nanoTime() - start) / 1_000_000;
    long runtimeBytes = usedHeapAfterGc() - base;

    allFreight = runtime.freight();
    checkUnchanged(stages, allFreight);
    rule = ruleFor(stage);
    List<String> a = kargo4j().stream().map(Freight::name).toList();
    List<String> b = plainJavaFilter().stream().map(Freight::name).toList();
    if (!a.equals(b)) {
      throw new IllegalStateException(stage + ": kargo4j lists " + a.size() + " Freight, the baseline "
          + b.size() + "; first difference at " + firstDifference(a, b));
    }
    System.out.printf("%nHEAP stage=%s available=%d | Freight records with statuses, alone: %.1f MB"
        + " | store + runtime after startup: %.1f MB | runtime startup over the store: %d ms%n",
        stage, a.size(), recordsBytes / 1e6, runtimeBytes / 1e6, startupMillis);
  }

  /** Stops the runtime. */
  @TearDown
  public void tearDown() {
    runtime.close();
  }

  /** kargo4j: the Freight available to the Stage, through the public runtime API. */
  @Benchmark
  public List<Freight> kargo4j() {
    return runtime.availableFreight(stage);
  }

  /** The peer: a plain Java stream filter over all Freight with the same rule. */
  @Benchmark
  public List<Freight> plainJavaFilter() {
    return allFreight.stream().filter(rule).toList();
  }

  // ------------------------------------------------------------------ the baseline's rule

  /**
   * Kargo's availability written out plainly for the Stage's requests: approved for it, or
   * direct, or verified (and soaked) in one/all upstream Stages; with MatchUpstream only
   * Freight currently in the upstream Stage.
   */
  private Predicate<Freight> ruleFor(String stageName) {
    List<FreightRequest> requests = runtime.stage(stageName).spec().requestedFreight();
    return f -> {
      for (FreightRequest req : requests) {
        if (!f.origin().equals(req.origin())) {
          continue;
        }
        boolean direct = req.sources().direct();
        if (!direct && req.sources().selectionPolicy() == AutoPromotionSelectionPolicy.MATCH_UPSTREAM
            && !f.status().currentlyIn().containsKey(req.sources().stages().get(0))) {
          continue;
        }
        if (direct || f.status().approvedFor().containsKey(stageName)) {
          return true;
        }
        Duration soak = req.sources().requiredSoakTime();
        Instant now = clock.instant();
        if (req.sources().availabilityStrategy() == AvailabilityStrategy.ALL) {
          boolean all = true;
          for (String up : req.sources().stages()) {
            all &= verifiedAndSoaked(f, up, soak, now);
          }
          if (all) {
            return true;
          }
        } else {
          for (String up : req.sources().stages()) {
            if (verifiedAndSoaked(f, up, soak, now)) {
              return true;
            }
          }
        }
      }
      return false;
    };
  }

  private static boolean verifiedAndSoaked(Freight f, String stage, Duration required, Instant now) {
    VerifiedStage v = f.status().verifiedIn().get(stage);
    if (v == null) {
      return false;
    }
    if (required == null) {
      return true;
    }
    Duration soak = v.longestSoak() == null ? Duration.ZERO : v.longestSoak();
    CurrentStage in = f.status().currentlyIn().get(stage);
    if (in != null && in.since() != null) {
      Duration current = Duration.between(in.since(), now);
      soak = current.compareTo(soak) > 0 ? current : soak;
    }
    return soak.compareTo(required) >= 0;
  }

  // ------------------------------------------------------------------ the Project

  /** One Stage of the tree and how its Freight is populated. */
  private record StageDef(String name, int depth, boolean direct, List<String> upstream, boolean all,
      String soak, int stride, int offset) {}

  /** The {@value #STAGES} Stages, upstream before downstream. */
  static List<StageDef> topology() {
    List<StageDef> out = new ArrayList<>();
    out.add(new StageDef("dev", 0, true, List.of(), false, null, 1, 0));
    out.add(new StageDef("hotfix", 0, true, List.of(), false, null, 5_000, 4_999));
    out.add(new StageDef("integration", 1, false, List.of("dev"), false, null, 2, 0));
    out.add(new StageDef("staging", 2, false, List.of("integration"), false, "1h", 10, 0));
    out.add(new StageDef("canary-a", 3, false, List.of("staging"), false, "2h", 50, 0));
    out.add(new StageDef("canary-b", 3, false, List.of("staging"), false, "2h", 100, 0));
    out.add(new StageDef("prod-gate", 4, false, List.of("canary-a", "canary-b"), true, "4h", 100, 0));
    for (int r = 0; r < 10; r++) {
      out.add(new StageDef("prod-r" + r, 5, false, List.of("prod-gate"), false, null, 200, 0));
    }
    for (int r = 0; r < 10; r++) {
      for (int c = 0; c < 9; c++) {
        out.add(new StageDef("prod-r" + r + "-c" + c, 6, false, List.of("prod-r" + r), false, "30m", 1_000, 0));
      }
    }
    int tenants = STAGES - out.size();
    for (int t = 0; t < tenants; t++) {
      int cluster = t % 90;
      String up = "prod-r" + cluster / 9 + "-c" + cluster % 9;
      out.add(new StageDef(up + "-t" + t / 90, 7, false, List.of(up, "hotfix"), false, null, 2_000, 0));
    }
    return out;
  }

  /** The Warehouse and Stages as Kargo YAML, read by {@link Manifests}. */
  private static ManifestSet manifests(List<StageDef> stages) {
    StringBuilder y = new StringBuilder("""
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Warehouse
        metadata: {name: %s, namespace: %s}
        spec:
          subscriptions:
          - image: {repoURL: %s, imageSelectionStrategy: SemVer}
        """.formatted(WAREHOUSE, PROJECT, REPO));
    for (StageDef s : stages) {
      String sources = s.direct ? "{direct: true}"
          : "{stages: [" + String.join(", ", s.upstream) + "]"
              + (s.all ? ", availabilityStrategy: All" : "")
              + (s.soak == null ? "" : ", requiredSoakTime: " + s.soak) + "}";
      y.append("""
          ---
          apiVersion: kargo.akuity.io/v1alpha1
          kind: Stage
          metadata: {name: %s, namespace: %s}
          spec:
            requestedFreight:
            - origin: {kind: Warehouse, name: %s}
              sources: %s
            promotionTemplate:
              spec:
                steps:
                - uses: compose-output
                  config: {tag: "${{ imageFrom('%s').Tag }}"}
          """.formatted(s.name, PROJECT, WAREHOUSE, sources, REPO));
    }
    return Manifests.loadString("available-freight-benchmark.yaml", y.toString());
  }

  /** The Freight (with statuses) and the Stage statuses to store. */
  private record Population(List<Freight> freight, Map<String, StageStatus> stageStatuses) {}

  private static Instant discoveredAt(int i) {
    return T0.minus(Duration.ofMinutes(FREIGHT - i));
  }

  private static Instant verifiedAt(int i, int depth) {
    Instant at = discoveredAt(i).plus(Duration.ofMinutes(depth));
    Instant latest = T0.minusSeconds(30);
    return at.isAfter(latest) ? latest : at;
  }

  private static Population populate(List<StageDef> stages) {
    List<Map<String, VerifiedStage>> verified = new ArrayList<>(FREIGHT);
    List<Map<String, CurrentStage>> current = new ArrayList<>(FREIGHT);
    List<Map<String, ApprovedStage>> approved = new ArrayList<>(FREIGHT);
    for (int i = 0; i < FREIGHT; i++) {
      verified.add(new HashMap<>());
      current.add(new HashMap<>());
      approved.add(new HashMap<>());
    }
    Map<String, Integer> currentOf = new HashMap<>();
    for (int s = 0; s < stages.size(); s++) {
      StageDef d = stages.get(s);
      int newest = d.offset + (FREIGHT - 1 - d.offset) / d.stride * d.stride;
      for (int i = d.offset; i < FREIGHT; i += d.stride) {
        Instant at = verifiedAt(i, d.depth);
        if (i == newest) {
          verified.get(i).put(d.name, new VerifiedStage(at, null));
          current.get(i).put(d.name, new CurrentStage(at));
        } else {
          long minutes = Math.floorMod(mix(i * 1_000L + s), 8 * 60);
          verified.get(i).put(d.name, new VerifiedStage(at, Duration.ofMinutes(minutes)));
        }
      }
      currentOf.put(d.name, newest);
      if (d.depth == 7) {
        approved.get(Math.floorMod(mix(s), FREIGHT)).put(d.name, new ApprovedStage(T0.minus(Duration.ofDays(1))));
      }
    }
    for (int k = 0; k < 100; k++) {
      approved.get(5 + 997 * k).put("staging", new ApprovedStage(T0.minus(Duration.ofHours(k))));
    }
    List<Freight> freight = new ArrayList<>(FREIGHT);
    for (int i = 0; i < FREIGHT; i++) {
      String tag = "1." + i / 1_000 + "." + i % 1_000;
      Image image = Image.of(REPO, tag, "sha256:%016x%016x%016x%016x".formatted(mix(4L * i), mix(4L * i + 1),
          mix(4L * i + 2), mix(4L * i + 3)));
      Freight f = new Freight(ObjectMeta.of(PROJECT, "x").withCreationTimestamp(discoveredAt(i)),
          "freight-" + i, discoveredAt(i), FreightOrigin.warehouse(WAREHOUSE), List.of(), List.of(image),
          List.of(), List.of(), new FreightStatus(current.get(i), verified.get(i), approved.get(i), null));
      freight.add(f.withMetadata(f.metadata().withName(FreightIds.generate(f))));
    }
    Map<String, StageStatus> statuses = new TreeMap<>();
    Health healthy = new Health(HealthState.HEALTHY, List.of(), null, null);
    for (StageDef d : stages) {
      int i = currentOf.get(d.name);
      Instant at = verifiedAt(i, d.depth);
      FreightCollection collection = FreightCollection.of(List.of(freight.get(i).reference()))
          .withVerification(new VerificationInfo("verification-" + d.name, "", at, VerificationPhase.SUCCESSFUL,
              "", null, at));
      statuses.put(d.name, StageStatus.EMPTY.withFreightRecorded(collection).withHealth(healthy));
    }
    return new Population(freight, statuses);
  }

  /** Setup's guard: the runtime's startup reconcile left every Freight status as written. */
  private static void checkUnchanged(List<StageDef> stages, List<Freight> all) {
    long expectedVerified = 0;
    for (StageDef d : stages) {
      expectedVerified += (FREIGHT - 1 - d.offset) / d.stride + 1;
    }
    long verified = 0;
    long current = 0;
    long approved = 0;
    for (Freight f : all) {
      verified += f.status().verifiedIn().size();
      current += f.status().currentlyIn().size();
      approved += f.status().approvedFor().size();
    }
    long expectedApproved = 100 + stages.stream().filter(d -> d.depth == 7).count();
    if (all.size() != FREIGHT || verified != expectedVerified || current != STAGES || approved != expectedApproved) {
      throw new IllegalStateException("the store changed at startup: " + all.size() + " Freight, " + verified
          + " verifiedIn (expected " + expectedVerified + "), " + current + " currentlyIn (expected " + STAGES
          + "), " + approved + " approvedFor (expected " + expectedApproved + ")");
    }
  }

  private static String firstDifference(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return "index " + i + ": " + a.get(i) + " vs " + b.get(i);
      }
    }
    return "index " + Math.min(a.size(), b.size());
  }

  /** SplitMix64's finalizer: a fixed pseudo-random number for {@code x}. */
  private static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int k = 0; k < 3; k++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
