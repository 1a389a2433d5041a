package dev.kargo4j.core.pipeline.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.engine.PromotionBuilder;
import dev.kargo4j.core.engine.PromotionEngine;
import dev.kargo4j.core.engine.internal.KargoFunctions;
import dev.kargo4j.core.engine.internal.PromotionWriter;
import dev.kargo4j.core.engine.internal.Redactor;
import dev.kargo4j.core.internal.Failures;
import dev.kargo4j.core.internal.ConfigBinder;
import dev.kargo4j.core.model.AnalysisRunArgument;
import dev.kargo4j.core.model.AnalysisRunReference;
import dev.kargo4j.core.model.AnalysisTemplateKind;
import dev.kargo4j.core.model.AnalysisTemplateReference;
import dev.kargo4j.core.model.AutoPromotionHold;
import dev.kargo4j.core.model.Condition;
import dev.kargo4j.core.model.CurrentStage;
import dev.kargo4j.core.model.ExpressionVariable;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightReference;
import dev.kargo4j.core.model.AvailabilityStrategy;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.FreightSources;
import dev.kargo4j.core.model.FreightStatus;
import dev.kargo4j.core.model.Health;
import dev.kargo4j.core.model.HealthCheckStep;
import dev.kargo4j.core.model.HealthState;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionReference;
import dev.kargo4j.core.model.PromotionStatus;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.model.VerifiedStage;
import dev.kargo4j.core.model.rollouts.AnalysisTemplate;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.HealthCheckContext;
import dev.kargo4j.core.spi.HealthChecker;
import dev.kargo4j.core.spi.HealthResult;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.spi.TargetFreight;
import dev.kargo4j.core.verification.AnalysisRun;
import dev.kargo4j.core.internal.BasicStepContext;
import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExpressionException;
import dev.kargo4j.expr.go.GoFmt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation of one Stage, as Kargo's regular and control-flow Stage reconcilers do it
 * ({@code pkg/controller/stages/regular_stages.go}, {@code control_flow_stages.go}), followed by
 * one pass of its current Promotion (Kargo's Promotion reconciler). Called only from the Stage's
 * own worker, so one Stage is never reconciled twice at once; different Stages are reconciled
 * concurrently.
 */
final class StageReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(StageReconciler.class);

  private final ProjectController c;
  private final PromotionWriter writer;
  private final Map<String, AnalysisRun> runs = new ConcurrentHashMap<>();
  /** When a Running Promotion asked to run again; a wake-up before that does not run it. */
  private final Map<String, Instant> nextPass = new ConcurrentHashMap<>();

  StageReconciler(ProjectController c) {
    this.c = c;
    this.writer = c.promotionWriter;
  }

  /** Reconciles {@code spec}; true when it should be reconciled again at once. */
  boolean reconcile(Stage spec) {
    if (spec.isControlFlow()) {
      reconcileControlFlow(spec);
      return false;
    }
    return reconcileRegular(spec);
  }

  // ================================================================== regular Stages

  private boolean reconcileRegular(Stage spec) {
    String name = spec.name();
    Instant start = c.clock.instant();
    Optional<Store.Versioned<StageStatus>> stored = c.store.getStageStatus(c.project, name);
    Persisted persisted = new Persisted(name, stored.map(Store.Versioned::value).orElse(StageStatus.EMPTY),
        stored.map(Store.Versioned::resourceVersion).orElse(null));
    boolean auto = Availability.autoPromotionEnabled(c.projectConfig, spec);

    // as Kargo patches the status after each step, the Stage's status is saved before the
    // Freight it names is changed: nobody sees Freight in or verified by a Stage whose own
    // status does not say so yet
    boolean[] pending = {false};
    StageStatus status = syncPromotions(spec, persisted.status, auto, pending);
    boolean again = status.currentPromotion() == null && pending[0];
    status = summarize(spec, status.withAutoPromotionEnabled(auto));
    persisted.save(status);
    syncFreight(spec, status);
    status = assessHealth(spec, status);
    status = verifyStageFreight(spec, status, start);
    FreightCollection cur = status.currentFreight();
    if (cur != null && hasNonTerminalVerification(cur)) {
      again = false;
    }
    status = summarize(spec, status);
    persisted.save(status);
    markFreightVerified(spec, status);
    status = status.withAutoPromotionHolds(status.autoPromotionHolds(), effectiveHolds(spec, status, auto));
    int created = autoPromote(spec, status, auto);
    persisted.save(summarize(spec, status));
    if (created > 0) {
      again = true;
    }
    if (status.currentPromotion() != null && runPass(spec, status)) {
      again = true;
    }
    return again;
  }

  /** The Stage status as stored, saved only when it changed. */
  private final class Persisted {
    private final String stage;
    private StageStatus status;
    private String version;

    Persisted(String stage, StageStatus status, String version) {
      this.stage = stage;
      this.status = status;
      this.version = version;
    }

    void save(StageStatus next) {
      if (version != null && next.equals(status)) {
        return;
      }
      version = c.store.putStageStatus(c.project, stage, next, version).resourceVersion();
      status = next;
    }
  }

  // ------------------------------------------------------------------ syncPromotions

  private StageStatus syncPromotions(Stage spec, StageStatus in, boolean auto, boolean[] pending) {
    StageStatus status = in;
    Set<String> requested = requestedOrigins(spec);
    Map<String, AutoPromotionHold> holds = new TreeMap<>(status.autoPromotionHolds());
    if (!auto) {
      holds.clear();
    } else {
      holds.keySet().retainAll(requested);
    }
    status = status.withAutoPromotionHolds(holds, status.effectiveAutoPromotionHolds());

    List<Promotion> promos = new ArrayList<>(c.store.listPromotionsByStage(c.project, spec.name()));
    if (promos.isEmpty()) {
      return withoutCondition(status, "Promoting").withCurrentPromotion(null);
    }
    promos.sort(Availability::compareForQueue);
    Promotion highest = promos.get(0);
    PromotionReference cur = in.currentPromotion();
    PromotionReference last = in.lastPromotion();
    pending[0] = promos.stream().anyMatch(p -> !p.status().isTerminal());

    if (cur != null && (!cur.name().equals(highest.name()) || highest.status().isTerminal())) {
      status = withoutCondition(status, "Promoting").withCurrentPromotion(null);
      List<Promotion> fresh = new ArrayList<>();
      for (Promotion p : promos) {
        if (last != null && p.name().compareTo(last.name()) <= 0) {
          break;
        }
        if (p.status().isTerminal()) {
          fresh.add(p);
        }
      }
      fresh.sort(Comparator.comparing(Promotion::name));
      for (Promotion p : fresh) {
        status = replay(spec, status, p, auto, requested);
      }
      return status;
    }

    FreightCollection curFreight = in.currentFreight();
    if (curFreight != null) {
      if (hasNonTerminalVerification(curFreight)) {
        return withoutCondition(status, "Promoting");
      }
      if (in.health() == null || in.health().status() == HealthState.HEALTHY) {
        VerificationInfo vi = curFreight.currentVerification();
        if (vi == null || !vi.isTerminal()) {
          return withoutCondition(status, "Promoting");
        }
      }
    }
    if (!highest.status().isTerminal()) {
      String phase = highest.status().phase() == null ? "Pending" : highest.status().phase().wireName();
      status = withCondition(status, "Promoting", "True", "ActivePromotion",
          "Promotion \"" + highest.name() + "\" is currently " + phase);
      return status.withCurrentPromotion(new PromotionReference(highest.name(), highest.status().freight(), null,
          null));
    }
    return withoutCondition(status, "Promoting");
  }

  private StageStatus replay(Stage spec, StageStatus status, Promotion p, boolean auto, Set<String> requested) {
    StageStatus s = status;
    if (auto && p.status().phase() != PromotionPhase.ABORTED) {
      String hold = p.metadata().annotations().getOrDefault(ProjectController.HOLD_ANNOTATION, "");
      String resume = p.metadata().annotations().getOrDefault(ProjectController.RESUME_ANNOTATION, "");
      Map<String, AutoPromotionHold> holds = new TreeMap<>(s.autoPromotionHolds());
      if (!hold.isEmpty()) {
        if (requested.contains(hold)) {
          try {
            holds.put(hold, newHold(p, FreightOrigin.parse(hold)));
          } catch (RuntimeException e) {
            LOG.debug("ignoring hold annotation {} of Promotion {}", hold, p.name());
          }
        }
      } else if (!resume.isEmpty()) {
        holds.remove(resume);
      }
      s = s.withAutoPromotionHolds(holds, s.effectiveAutoPromotionHolds());
    }
    PromotionStatus ps = p.status();
    PromotionReference lastRef = s.lastPromotion();
    if (ps.startedAt() == null && ps.freightCollection() == null && lastRef != null && lastRef.status() != null) {
      ps = ps.withFreightCollection(lastRef.status().freightCollection());
    }
    PromotionReference ref = new PromotionReference(p.name(), p.status().freight(), ps, ps.finishedAt());
    s = s.withLastPromotion(ref);
    if (p.status().phase() == PromotionPhase.SUCCEEDED && ps.freightCollection() != null) {
      FreightCollection col = ps.freightCollection();
      // the new entry starts with its own, empty verification history
      s = s.withFreightRecorded(new FreightCollection(col.id(), col.items(), List.of())).withHealth(null);
      s = withCondition(s, "Healthy", "Unknown", "WaitingForHealthCheck",
          "Waiting for health check to be performed after successful promotion");
      s = withCondition(s, "Verified", "Unknown", "WaitingForVerification",
          "Waiting for verification to be performed after successful promotion");
    }
    return s;
  }

  static AutoPromotionHold newHold(Promotion p, FreightOrigin origin) {
    String actor = p.metadata().annotations().getOrDefault(PromotionBuilder.CREATE_ACTOR_ANNOTATION, "");
    return new AutoPromotionHold(p.spec().freight(), origin, p.name(), actor, p.metadata().creationTimestamp());
  }

  private static Set<String> requestedOrigins(Stage spec) {
    Set<String> out = new LinkedHashSet<>();
    for (FreightRequest r : spec.spec().requestedFreight()) {
      out.add(r.origin().toString());
    }
    return out;
  }

  static boolean hasNonTerminalVerification(FreightCollection col) {
    for (VerificationInfo vi : col.verificationHistory()) {
      if (!vi.isTerminal()) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ syncFreight

  private void syncFreight(Stage spec, StageStatus status) {
    String stage = spec.name();
    FreightCollection cur = status.currentFreight();
    Instant now = c.clock.instant();
    boolean changed = false;
    for (Freight f : c.store.listFreightByStage(c.project, stage, Store.StageRelation.CURRENTLY_IN)) {
      if (cur == null || !cur.includes(f.name())) {
        c.updateFreightStatus(f.name(), s -> removeCurrentStage(s, stage, now));
        changed = true;
      }
    }
    if (cur != null) {
      for (FreightReference ref : cur.references()) {
        Freight f = c.store.getFreight(c.project, ref.name()).orElseThrow(() -> new KargoException("Freight \""
            + ref.name() + "\" not found in project \"" + c.project + "\""));
        if (!f.isCurrentlyIn(stage)) {
          c.updateFreightStatus(f.name(), s -> s.currentlyIn().containsKey(stage) ? s
              : s.withCurrentlyIn(stage, new CurrentStage(now)));
          changed = true;
        }
      }
    }
    if (changed) {
      c.wakeDownstreamOf(stage);
    }
  }

  /** Kargo's {@code RemoveCurrentStage}: leaving a Stage updates the longest completed soak. */
  static FreightStatus removeCurrentStage(FreightStatus s, String stage, Instant now) {
    CurrentStage in = s.currentlyIn().get(stage);
    if (in == null) {
      return s;
    }
    FreightStatus out = s;
    if (in.since() != null) {
      Duration soak = Duration.between(in.since(), now);
      VerifiedStage v = s.verifiedIn().get(stage);
      if (v != null && (v.longestSoak() == null || soak.compareTo(v.longestSoak()) > 0)) {
        out = out.withVerifiedIn(stage, new VerifiedStage(v.verifiedAt(), soak));
      }
    }
    return out.withCurrentlyIn(stage, null);
  }

  // ------------------------------------------------------------------ health

  private StageStatus assessHealth(Stage spec, StageStatus status) {
    Health before = status.health();
    StageStatus out = assessHealthNow(spec, status);
    if (!Objects.equals(before, out.health())) {
      c.events.healthChanged(spec.name(), out.health());
    }
    return out;
  }

  private StageStatus assessHealthNow(Stage spec, StageStatus status) {
    if (status.currentPromotion() != null) {
      StageStatus s = withCondition(status, "Healthy", "Unknown", "ActivePromotion", "Stage has a Promotion in progress");
      return s.withHealth(new Health(HealthState.UNKNOWN,
          List.of("Cannot assess health because a Promotion is currently in progress"), null, null));
    }
    PromotionReference last = status.lastPromotion();
    if (last == null) {
      return withCondition(status, "Healthy", "Unknown", "NoFreight", "Stage has no current Freight").withHealth(null);
    }
    if (last.status() == null || last.status().phase() != PromotionPhase.SUCCEEDED) {
      String phase = last.status() == null || last.status().phase() == null ? "" : last.status().phase().wireName();
      StageStatus s = withCondition(status, "Healthy", "Unknown", "LastPromotion" + phase,
          "Cannot assess health because last Promotion did not succeed");
      return s.withHealth(new Health(HealthState.UNKNOWN,
          List.of("Cannot assess health because last Promotion did not succeed"), null, null));
    }
    List<HealthCheckStep> checks = last.status().healthChecks();
    HealthState state = HealthState.HEALTHY;
    List<String> issues = new ArrayList<>();
    List<Object> outputs = new ArrayList<>();
    for (HealthCheckStep check : checks) {
      HealthResult r = runCheck(spec, check);
      state = state.merge(HealthState.valueOf(r.status().name()));
      issues.addAll(r.issues());
      if (!r.output().isEmpty()) {
        outputs.add(r.output());
      }
    }
    Health health = new Health(state, issues, null, outputs.isEmpty() ? null : outputs);
    StageStatus s = status.withHealth(health);
    if (state == HealthState.HEALTHY) {
      s = withCondition(s, "Healthy", "True", "Healthy",
          "Stage is healthy (performed " + checks.size() + " health checks)");
    } else if (state == HealthState.UNHEALTHY) {
      s = withCondition(s, "Healthy", "False", "Unhealthy",
          "Stage is unhealthy (" + issues.size() + " issues in " + checks.size() + " health checks)");
    } else {
      s = withCondition(s, "Healthy", "Unknown", state.wireName(), "");
    }
    if (state != HealthState.HEALTHY) {
      // Kargo re-checks when the watched Applications change; we look again after a while
      c.wakeAt(spec.name(), c.clock.instant().plus(c.healthRecheckInterval));
    }
    return s;
  }

  private HealthResult runCheck(Stage spec, HealthCheckStep check) {
    HealthChecker checker = c.healthCheckers.find(check.uses()).orElse(null);
    if (checker == null) {
      return HealthResult.of(HealthState.UNKNOWN,
          "no health checker registered for health check kind \"" + check.uses() + "\"");
    }
    try {
      HealthResult r = checker.check(new CheckContext(spec.name(), check, checker));
      return r == null ? HealthResult.of(HealthState.UNKNOWN,
          "health checker '" + check.uses() + "' returned no result") : r;
    } catch (Throwable e) {
      // a checker's Error (a missing class, an assertion) is its check's failure (Failures)
      Failures.rethrowIfFatal(e);
      return HealthResult.of(HealthState.UNKNOWN, "health check '" + check.uses() + "' failed: "
          + dev.kargo4j.core.freight.RepoUrls.redact(e instanceof Exception ? Failures.describe(e)
              : "plug-in " + checker.getClass().getName() + " threw " + Failures.describe(e)));
    }
  }

  private final class CheckContext implements HealthCheckContext {
    private final String stage;
    private final HealthCheckStep check;
    private final HealthChecker checker;

    CheckContext(String stage, HealthCheckStep check, HealthChecker checker) {
      this.stage = stage;
      this.check = check;
      this.checker = checker;
    }

    @Override
    public String project() {
      return c.project;
    }

    @Override
    public String stage() {
      return stage;
    }

    @Override
    public Map<String, Object> config() {
      return check.config();
    }

    @Override
    public <T> T config(Class<T> type) {
      return ConfigBinder.bind(check.config(), type, "healthChecks[" + check.uses() + "].config");
    }

    @Override
    public <T> T capability(Capability<T> capability) {
      return BasicStepContext.capabilityOf(capability, checker.capabilities(), c.capabilities,
          "health checker " + checker.kind());
    }

    @Override
    public Logger logger() {
      return LoggerFactory.getLogger("kargo4j.health." + checker.kind());
    }

    @Override
    public Clock clock() {
      return c.clock;
    }
  }

  // ------------------------------------------------------------------ verification

  private StageStatus verifyStageFreight(Stage spec, StageStatus status, Instant start) {
    String stage = spec.name();
    FreightCollection cur = status.currentFreight();
    if (cur == null) {
      return withCondition(status, "Verified", "Unknown", "NoFreight", "Stage has no current Freight to verify");
    }
    if (status.currentPromotion() != null) {
      return status;
    }
    ProjectController.VerificationRequest reverify = c.reverifyRequests.get(stage);
    VerificationInfo last = cur.currentVerification();
    StageStatus out = status;
    if (last != null) {
      if (!last.isTerminal()) {
        ProjectController.VerificationRequest abort = c.abortVerificationRequests.get(stage);
        VerificationInfo next;
        if (abort != null && abort.id().equals(last.id())) {
          c.abortVerificationRequests.remove(stage);
          AnalysisRun run = runs.remove(stage);
          if (run != null) {
            run.terminate();
          }
          next = new VerificationInfo(last.id(), abort.actor(), last.startTime(), VerificationPhase.FAILED,
              "Verification aborted by user", last.analysisRun(), c.clock.instant());
        } else {
          next = poll(spec, cur, last);
        }
        return verifiedCondition(record(spec, out, next));
      }
      if (reverify == null || !(reverify.id().equals(last.id()) || reverify.id().isEmpty())) {
        if (reverify != null) {
          c.reverifyRequests.remove(stage, reverify);
        }
        return verifiedCondition(out);
      }
    }
    if (status.health() == null || status.health().status() != HealthState.HEALTHY) {
      return verifiedCondition(out);
    }
    if (reverify != null) {
      c.reverifyRequests.remove(stage, reverify);
    }
    String actor = reverify == null ? "" : reverify.actor();
    VerificationInfo vi;
    if (spec.spec().verification() == null) {
      vi = new VerificationInfo(UUID.randomUUID().toString(), actor, start, VerificationPhase.SUCCESSFUL, "", null,
          c.clock.instant());
    } else {
      vi = startVerification(spec, cur, actor, start);
    }
    return verifiedCondition(record(spec, out, vi));
  }

  /** Puts {@code vi} into the current collection's history (replacing its older self) and reports it. */
  private StageStatus record(Stage spec, StageStatus status, VerificationInfo vi) {
    FreightCollection cur = status.currentFreight();
    FreightCollection updated = cur.withVerification(vi);
    if (updated.equals(cur)) {
      return status;
    }
    List<FreightCollection> history = new ArrayList<>(status.freightHistory());
    history.set(0, updated);
    c.events.verificationUpdated(spec.name(), updated, vi);
    return status.withFreightHistory(history);
  }

  private VerificationInfo startVerification(Stage spec, FreightCollection cur, String actor, Instant start) {
    String id = UUID.randomUUID().toString();
    String runName = (spec.name() + "." + c.ulids.next() + "." + cur.id()).toLowerCase(Locale.ROOT);
    try {
      AnalysisRun run = newRun(spec, cur, runName);
      runs.put(spec.name(), run);
      c.wakeAt(spec.name(), c.clock.instant());
      return new VerificationInfo(id, actor, start, VerificationPhase.PENDING, "",
          new AnalysisRunReference(c.project, runName, ""), c.clock.instant());
    } catch (KargoException e) {
      return new VerificationInfo(id, actor, start, VerificationPhase.ERROR, "error building AnalysisRun for Stage \""
          + spec.name() + "\" and Freight collection \"" + cur.id() + "\" in namespace \"" + c.project + "\": "
          + e.getMessage(), null, c.clock.instant());
    }
  }

  private AnalysisRun newRun(Stage spec, FreightCollection cur, String runName) {
    List<AnalysisTemplate> templates = new ArrayList<>();
    for (AnalysisTemplateReference ref : spec.spec().verification().analysisTemplates()) {
      boolean cluster = ref.kind() == AnalysisTemplateKind.CLUSTER_ANALYSIS_TEMPLATE;
      AnalysisTemplate t = c.analysisTemplates.stream()
          .filter(a -> a.clusterScoped() == cluster && a.name().equals(ref.name())).findFirst()
          .orElseThrow(() -> new KargoException("get analysis templates: " + (cluster
              ? "ClusterAnalysisTemplate \"" + ref.name() + "\" not found"
              : "AnalysisTemplate \"" + ref.name() + "\" not found in namespace \"" + c.project + "\"")));
      templates.add(t);
    }
    List<AnalysisRunArgument> args = renderArgs(spec, cur);
    return c.verifier.start(c.project, spec.name(), runName, templates, args);
  }

  /** Kargo's {@code buildArgs}: Stage vars, then each argument, rendered against {@code ctx} and {@code vars}. */
  private List<AnalysisRunArgument> renderArgs(Stage spec, FreightCollection cur) {
    Map<String, Object> env = new HashMap<>();
    env.put("ctx", Map.of("project", c.project, "stage", spec.name()));
    Map<String, Object> vars = new LinkedHashMap<>();
    env.put("vars", vars);
    env.putAll(functions(spec, cur));
    for (ExpressionVariable v : spec.spec().vars()) {
      try {
        vars.put(v.name(), c.expressions.render(v.value() == null ? "" : v.value(), env));
      } catch (ExpressionException e) {
        throw new KargoException("build spec: build arguments: evaluate variable \"" + v.name() + "\": "
            + e.getMessage(), e);
      }
    }
    List<AnalysisRunArgument> out = new ArrayList<>();
    for (AnalysisRunArgument a : spec.spec().verification().args()) {
      if (a.value().isEmpty()) {
        out.add(a);
        continue;
      }
      Object value;
      try {
        value = c.expressions.render(a.value(), env);
      } catch (ExpressionException e) {
        throw new KargoException("build spec: build arguments: evaluate argument \"" + a.name() + "\": "
            + e.getMessage(), e);
      }
      if (!(value instanceof String s)) {
        throw new KargoException("build spec: build arguments: evaluated argument \"" + a.name()
            + "\" value is not a string but " + GoFmt.typeName(value));
      }
      out.add(new AnalysisRunArgument(a.name(), s));
    }
    return out;
  }

  private Map<String, ExprFunction> functions(Stage spec, FreightCollection cur) {
    List<FreightReference> refs = cur.references();
    Freight target = refs.isEmpty() ? null : c.store.getFreight(c.project, refs.get(0).name()).orElse(null);
    if (target == null) {
      return KargoFunctions.utilities();
    }
    TargetFreight tf = TargetFreight.forStage(spec, target, c.warehouses).withCollection(cur);
    return KargoFunctions.forPromotion(c.project, tf, c.projectData, dev.kargo4j.core.engine.StatusData.NONE,
        new Redactor());
  }


  /** Kargo's {@code getVerificationResult}, over the in-process run. */
  private VerificationInfo poll(Stage spec, FreightCollection cur, VerificationInfo last) {
    AnalysisRun run = runs.get(spec.name());
    String runName = last.analysisRun() == null ? "" : last.analysisRun().name();
    if (run == null || !run.name().equals(runName)) {
      // the runtime restarted while this verification ran: start its run again
      if (runName.isEmpty() || spec.spec().verification() == null) {
        return new VerificationInfo(last.id(), last.actor(), last.startTime(), VerificationPhase.ERROR,
            "no AnalysisRun reference in current verification info for Freight collection \"" + cur.id() + "\"",
            last.analysisRun(), c.clock.instant());
      }
      try {
        run = newRun(spec, cur, runName);
      } catch (KargoException e) {
        return new VerificationInfo(last.id(), last.actor(), last.startTime(), VerificationPhase.ERROR,
            e.getMessage(), last.analysisRun(), c.clock.instant());
      }
      runs.put(spec.name(), run);
    }
    Optional<Instant> due = run.nextReconcileAt();
    if (due.isPresent() && !due.get().isAfter(c.clock.instant())) {
      run.reconcile();
    }
    VerificationInfo vi = new VerificationInfo(last.id(), last.actor(), last.startTime(), run.phase(), run.message(),
        new AnalysisRunReference(c.project, run.name(), run.phase().wireName()), run.completedAt());
    if (run.isTerminal()) {
      runs.remove(spec.name(), run);
    } else {
      run.nextReconcileAt().ifPresent(t -> c.wakeAt(spec.name(), t));
    }
    return vi;
  }

  private StageStatus verifiedCondition(StageStatus status) {
    FreightCollection cur = status.currentFreight();
    if (cur == null || cur.verificationHistory().isEmpty()) {
      return status;
    }
    for (VerificationInfo vi : cur.verificationHistory()) {
      if (vi.phase() == VerificationPhase.SUCCESSFUL) {
        return withCondition(status, "Verified", "True", "Verified", "Freight has been verified");
      }
    }
    VerificationInfo last = cur.currentVerification();
    VerificationPhase p = last.phase() == null ? VerificationPhase.PENDING : last.phase();
    switch (p) {
      case PENDING:
        return withCondition(status, "Verified", "Unknown", "VerificationPending", "Freight is pending verification");
      case RUNNING:
        return withCondition(status, "Verified", "Unknown", "VerificationRunning",
            "Freight is currently being verified");
      case FAILED:
      case ERROR:
        return withCondition(status, "Verified", "False", "Verification" + p.wireName(), last.message());
      case ABORTED:
        return withCondition(status, "Verified", "False", "VerificationAborted", last.message());
      default:
        return withCondition(status, "Verified", "Unknown", "VerificationInconclusive", last.message());
    }
  }

  // ------------------------------------------------------------------ verified in

  private void markFreightVerified(Stage spec, StageStatus status) {
    if (status.health() == null || status.health().status() != HealthState.HEALTHY) {
      return;
    }
    FreightCollection cur = status.currentFreight();
    if (cur == null || cur.verificationHistory().isEmpty() || hasNonTerminalVerification(cur)
        || cur.currentVerification().phase() != VerificationPhase.SUCCESSFUL) {
      return;
    }
    Instant at = cur.currentVerification().finishTime();
    boolean changed = false;
    for (FreightReference ref : cur.references()) {
      Freight f = c.store.getFreight(c.project, ref.name()).orElseThrow(() -> new KargoException("Freight \""
          + ref.name() + "\" not found in project \"" + c.project + "\""));
      if (f.isVerifiedIn(spec.name())) {
        continue;
      }
      c.updateFreightStatus(f.name(), s -> s.verifiedIn().containsKey(spec.name()) ? s
          : s.withVerifiedIn(spec.name(), new VerifiedStage(at, null)));
      changed = true;
    }
    if (changed) {
      c.wakeDownstreamOf(spec.name());
    }
  }

  // ------------------------------------------------------------------ auto-promotion

  /** Kargo's {@code computeEffectiveAutoPromotionHolds}. */
  private Map<String, AutoPromotionHold> effectiveHolds(Stage spec, StageStatus status, boolean auto) {
    if (!auto) {
      return Map.of();
    }
    Map<String, AutoPromotionHold> effective = new TreeMap<>(status.autoPromotionHolds());
    List<Promotion> promos = c.store.listPromotionsByStage(c.project, spec.name());
    PromotionReference last = status.lastPromotion();
    for (FreightRequest req : spec.spec().requestedFreight()) {
      String key = req.origin().toString();
      Promotion newest = null;
      boolean newestIsHold = false;
      for (Promotion p : promos) {
        if (p.status().phase() == PromotionPhase.ABORTED) {
          continue;
        }
        if (last != null && p.name().compareTo(last.name()) <= 0) {
          continue;
        }
        boolean isHold = key.equals(p.metadata().annotations().get(ProjectController.HOLD_ANNOTATION));
        boolean isRelease = key.equals(p.metadata().annotations().get(ProjectController.RESUME_ANNOTATION));
        if (!isHold && !isRelease) {
          continue;
        }
        if (newest == null || p.name().compareTo(newest.name()) > 0) {
          newest = p;
          newestIsHold = isHold;
        }
      }
      if (newest != null) {
        if (newestIsHold) {
          effective.put(key, newHold(newest, req.origin()));
        } else {
          effective.remove(key);
        }
      }
    }
    return effective;
  }

  /** Kargo's {@code autoPromoteFreight}; returns how many Promotions it created. */
  private int autoPromote(Stage spec, StageStatus status, boolean auto) {
    if (!auto) {
      return 0;
    }
    Instant now = c.clock.instant();
    scheduleSoakWakeups(spec, now);
    List<Freight> available = availableFreight(spec, now);
    Map<String, Freight> candidates = Availability.candidates(spec, available);
    FreightCollection cur = status.currentFreight();
    PromotionReference last = status.lastPromotion();
    int created = 0;
    for (FreightRequest req : spec.spec().requestedFreight()) {
      String origin = req.origin().toString();
      if (status.effectiveAutoPromotionHolds().containsKey(origin)) {
        continue;
      }
      Freight cand = candidates.get(origin);
      if (cand == null) {
        continue;
      }
      FreightReference inStage = cur == null ? null : cur.items().get(origin);
      if (inStage != null && inStage.name().equals(cand.name())) {
        continue;
      }
      PromotionReference current = status.currentPromotion();
      if (current != null && current.freight() != null && current.freight().name().equals(cand.name())
          && current.freight().origin().toString().equals(origin)) {
        continue;
      }
      List<Promotion> forFreight = new ArrayList<>();
      for (Promotion p : c.store.listPromotionsByFreight(c.project, cand.name())) {
        if (p.spec().stage().equals(spec.name())) {
          forFreight.add(p);
        }
      }
      boolean unprocessed = forFreight.stream().anyMatch(p -> !p.status().isTerminal()
          || (p.status().phase() == PromotionPhase.SUCCEEDED && (last == null || p.name().compareTo(last.name()) > 0)));
      if (unprocessed) {
        continue;
      }
      Optional<Promotion> newestTerminal = forFreight.stream().filter(p -> p.status().isTerminal())
          .max(Comparator.comparing((Promotion p) -> p.metadata().creationTimestamp() == null ? Instant.EPOCH
              : p.metadata().creationTimestamp()).thenComparing(Promotion::name));
      if (newestTerminal.isPresent() && newestTerminal.get().status().phase() != PromotionPhase.SUCCEEDED) {
        continue;
      }
      c.createPromotion(spec, cand, ProjectController.CONTROLLER_ACTOR, false);
      created++;
    }
    return created;
  }

  /** Wakes the Stage when Freight soaking upstream will have soaked long enough. */
  private void scheduleSoakWakeups(Stage spec, Instant now) {
    Instant earliest = null;
    for (FreightRequest req : spec.spec().requestedFreight()) {
      if (req.sources().requiredSoakTime() == null) {
        continue;
      }
      for (String upstream : req.sources().stages()) {
        for (Freight f : c.store.listFreightByStage(c.project, upstream, Store.StageRelation.VERIFIED_IN)) {
          Optional<Instant> at = Availability.soakCompletes(spec, f, now);
          if (at.isPresent() && (earliest == null || at.get().isBefore(earliest))) {
            earliest = at.get();
          }
        }
      }
    }
    if (earliest != null) {
      c.wakeAt(spec.name(), earliest);
    }
  }

  /** Stamps the hold or resume intent on a user's Promotion, as Kargo's webhook does. */
  Promotion withHoldIntent(Stage spec, Promotion p, Freight f) {
    if (!Availability.autoPromotionEnabled(c.projectConfig, spec)) {
      return p;
    }
    Map<String, Freight> candidates = Availability.candidates(spec, availableFreight(spec, c.clock.instant()));
    Freight cand = candidates.get(f.origin().toString());
    String key = cand != null && cand.name().equals(f.name()) ? ProjectController.RESUME_ANNOTATION
        : ProjectController.HOLD_ANNOTATION;
    return p.withMetadata(p.metadata().withAnnotation(ProjectController.HOLD_ANNOTATION, null)
        .withAnnotation(ProjectController.RESUME_ANNOTATION, null).withAnnotation(key, f.origin().toString()));
  }

  /**
   * Kargo's {@code ListFreightAvailableToStage} with {@code IsFreightAvailable} as the filter:
   * per requested origin, its Freight (direct), or the Freight approved for the Stage or
   * verified in an upstream Stage; with MatchUpstream only Freight currently in the upstream
   * Stage. Sorted by name.
   */
  List<Freight> availableFreight(Stage spec, Instant now) {
    List<List<Freight>> parts = new ArrayList<>();
    for (FreightRequest req : spec.spec().requestedFreight()) {
      parts.add(availableFor(spec, req, now));
    }
    return java.util.Collections.unmodifiableList(mergeByName(parts));
  }

  /** The Freight of one request's origin that is available to the Stage, in name order. */
  private List<Freight> availableFor(Stage spec, FreightRequest req, Instant now) {
    FreightSources src = req.sources();
    if (src.direct()) {
      // IsFreightAvailable: a direct request makes every Freight of its origin available
      return c.store.listFreightByOrigin(c.project, req.origin());
    }
    String matchUpstream = src.selectionPolicy()
        == dev.kargo4j.core.model.AutoPromotionSelectionPolicy.MATCH_UPSTREAM ? src.stages().get(0) : null;
    // approval is availability; so is verification upstream under OneOf without a soak time
    boolean verifiedMeansAvailable = src.availabilityStrategy() != AvailabilityStrategy.ALL
        && (src.requiredSoakTime() == null || src.requiredSoakTime().isZero());
    List<List<Freight>> lists = new ArrayList<>();
    lists.add(keep(c.store.listFreightByStage(c.project, spec.name(), Store.StageRelation.APPROVED_FOR,
        req.origin()), matchUpstream, null));
    for (String upstream : src.stages()) {
      lists.add(keep(c.store.listFreightByStage(c.project, upstream, Store.StageRelation.VERIFIED_IN, req.origin()),
          matchUpstream, verifiedMeansAvailable ? null : f -> Availability.isFreightAvailable(spec, f, now)));
    }
    return mergeByName(lists);
  }

  /** The candidates (all of one origin) that pass MatchUpstream and {@code available} (null: all do). */
  private static List<Freight> keep(List<Freight> candidates, String matchUpstream,
      java.util.function.Predicate<Freight> available) {
    if (matchUpstream == null && available == null) {
      return candidates;
    }
    List<Freight> out = new ArrayList<>(candidates.size());
    for (Freight f : candidates) {
      if ((matchUpstream == null || f.isCurrentlyIn(matchUpstream)) && (available == null || available.test(f))) {
        out.add(f);
      }
    }
    return out;
  }

  /** One name-ordered list without duplicates from name-ordered lists. */
  static List<Freight> mergeByName(List<List<Freight>> lists) {
    List<Freight> merged = List.of();
    for (List<Freight> next : lists) {
      if (next.isEmpty()) {
        continue;
      }
      if (merged.isEmpty()) {
        merged = next;
        continue;
      }
      List<Freight> out = new ArrayList<>(merged.size() + next.size());
      int i = 0;
      int j = 0;
      while (i < merged.size() || j < next.size()) {
        if (j >= next.size()) {
          out.add(merged.get(i++));
        } else if (i >= merged.size()) {
          out.add(next.get(j++));
        } else {
          int cmp = merged.get(i).name().compareTo(next.get(j).name());
          if (cmp <= 0) {
            out.add(merged.get(i++));
            if (cmp == 0) {
              j++;
            }
          } else {
            out.add(next.get(j++));
          }
        }
      }
      merged = out;
    }
    return merged;
  }

  // ------------------------------------------------------------------ the Promotion pass

  /** Runs one pass of the current Promotion; true when it ended (the Stage must replay it). */
  private boolean runPass(Stage spec, StageStatus status) {
    String name = status.currentPromotion().name();
    Promotion p = c.store.getPromotion(c.project, name).orElse(null);
    if (p == null) {
      return true;
    }
    if (p.status().isTerminal()) {
      nextPass.remove(name);
      c.promotionEnded(p);
      return true;
    }
    Instant due = nextPass.get(name);
    if (due != null && due.isAfter(c.clock.instant())) {
      return false;
    }
    Freight target = c.store.getFreight(c.project, p.spec().freight()).orElse(null);
    if (target == null || !Availability.isFreightAvailable(spec, target, c.clock.instant())) {
      String why = target == null
          ? "Freight \"" + p.spec().freight() + "\" not found in namespace \"" + c.project + "\""
          : "Freight \"" + p.spec().freight() + "\" is not available to Stage \"" + spec.name()
              + "\" in namespace \"" + c.project + "\"";
      PromotionStatus s = p.status().withPhase(PromotionPhase.ERRORED, why).withFinishedAt(c.clock.instant());
      if (s.startedAt() == null) {
        s = s.withStartedAt(c.clock.instant());
      }
      Promotion errored = writer.save(p.withStatus(s));
      c.events.promotionPhaseChanged(errored);
      c.promotionEnded(errored);
      return true;
    }
    TargetFreight tf = TargetFreight.forStage(spec.withStatus(status), target, c.warehouses);
    PromotionEngine.PassOutcome pass;
    try {
      pass = c.engine.execute(p, tf);
    } catch (Throwable e) {
      // the engine ends a promotion Errored itself; what still escapes it (its store failing)
      // ends it here, and a fatal error goes on up after the bookkeeping (Failures)
      // no secret of the promotion is known here: at least no URL's password gets through
      String why = dev.kargo4j.core.freight.RepoUrls.redact(Failures.describe(e));
      LOG.warn("Promotion {} of Stage {} failed unexpectedly: {}", name, spec.name(), why);
      Promotion stored = c.store.getPromotion(c.project, name).orElse(p);
      if (stored.status().isTerminal()) {
        c.promotionEnded(stored);
        Failures.rethrowIfFatal(e);
        return true;
      }
      PromotionStatus s = stored.status().withPhase(PromotionPhase.ERRORED, why)
          .withFinishedAt(c.clock.instant());
      Promotion errored = writer.save(stored.withStatus(s));
      c.events.promotionPhaseChanged(errored);
      if (Failures.isFatal(e)) {
        c.promotionEnded(errored);
        Failures.rethrowIfFatal(e);
      }
      pass = new PromotionEngine.PassOutcome(errored, null); // Errored, or ended by another writer
    }
    Promotion after = pass.promotion();
    if (pass.isTerminal()) {
      nextPass.remove(name);
      c.promotionEnded(after);
      return true;
    }
    Instant at = c.clock.instant().plus(pass.retryAfter());
    nextPass.put(name, at);
    c.wakeAt(spec.name(), at);
    return false;
  }

  // ================================================================== control-flow Stages

  private void reconcileControlFlow(Stage spec) {
    String stage = spec.name();
    Optional<Store.Versioned<StageStatus>> stored = c.store.getStageStatus(c.project, stage);
    StageStatus before = stored.map(Store.Versioned::value).orElse(StageStatus.EMPTY);
    String version = stored.map(Store.Versioned::resourceVersion).orElse(null);
    List<Condition> keep = new ArrayList<>();
    for (Condition cond : before.conditions()) {
      if (cond.type().equals("Ready")) {
        keep.add(cond);
      }
    }
    StageStatus status = new StageStatus(keep, before.lastHandledRefresh(), null, "N/A", null,
        before.observedGeneration(), null, null, false, before.metadata(), null, null);
    Instant now = c.clock.instant();
    boolean changed = false;
    for (Freight f : availableFreight(spec, now)) {
      if (f.isVerifiedIn(stage)) {
        continue;
      }
      c.updateFreightStatus(f.name(), s -> s.verifiedIn().containsKey(stage) ? s
          : s.withVerifiedIn(stage, new VerifiedStage(now, null)));
      changed = true;
    }
    scheduleSoakWakeups(spec, now);
    status = withCondition(status, "Ready", "True", "Ready", "");
    if (!status.equals(before) || version == null) {
      c.store.putStageStatus(c.project, stage, status, version);
    }
    if (changed) {
      c.wakeDownstreamOf(stage);
    }
  }

  // ================================================================== conditions

  private StageStatus summarize(Stage spec, StageStatus s) {
    int requested = spec.spec().requestedFreight().size();
    FreightCollection cur = s.currentFreight();
    String summary;
    if (cur == null) {
      summary = "0/" + requested + " Fulfilled";
    } else if (requested == 1 && cur.items().size() == 1) {
      summary = cur.references().get(0).name();
    } else {
      summary = cur.items().size() + "/" + requested + " Fulfilled";
    }
    StageStatus out = s.withFreightSummary(summary);
    Condition promoting = condition(out, "Promoting");
    if (promoting != null) {
      return withCondition(out, "Ready", "False", promoting.reason(), promoting.message());
    }
    PromotionReference last = out.lastPromotion();
    if (last != null && last.status() != null && last.status().isTerminal()
        && last.status().phase() != PromotionPhase.SUCCEEDED) {
      return withCondition(out, "Ready", "False", "LastPromotion" + last.status().phase().wireName(),
          last.status().message());
    }
    Condition healthy = condition(out, "Healthy");
    if (healthy == null || !healthy.status().equals("True")) {
      return withCondition(out, "Ready", "False", healthy == null ? "Unhealthy" : healthy.reason(),
          healthy == null ? "Stage is not healthy" : healthy.message());
    }
    Condition verified = condition(out, "Verified");
    if (verified == null || !verified.status().equals("True")) {
      return withCondition(out, "Ready", "False", verified == null ? "PendingVerification" : verified.reason(),
          verified == null ? "Stage is not verified" : verified.message());
    }
    return withCondition(out, "Ready", "True", verified.reason(), verified.message());
  }

  private static Condition condition(StageStatus s, String type) {
    for (Condition cond : s.conditions()) {
      if (cond.type().equals(type)) {
        return cond;
      }
    }
    return null;
  }

  private StageStatus withCondition(StageStatus s, String type, String status, String reason, String message) {
    List<Condition> out = new ArrayList<>();
    boolean found = false;
    for (Condition cond : s.conditions()) {
      if (cond.type().equals(type)) {
        found = true;
        if (cond.status().equals(status) && cond.reason().equals(reason) && cond.message().equals(message)) {
          out.add(cond);
        } else {
          Instant since = cond.status().equals(status) ? cond.lastTransitionTime() : c.clock.instant();
          out.add(new Condition(type, status, cond.observedGeneration(), since, reason, message));
        }
      } else {
        out.add(cond);
      }
    }
    if (!found) {
      out.add(new Condition(type, status, 0, c.clock.instant(), reason, message));
    }
    return s.withConditions(out);
  }

  private static StageStatus withoutCondition(StageStatus s, String type) {
    List<Condition> out = new ArrayList<>();
    for (Condition cond : s.conditions()) {
      if (!cond.type().equals(type)) {
        out.add(cond);
      }
    }
    return out.size() == s.conditions().size() ? s : s.withConditions(out);
  }
}
