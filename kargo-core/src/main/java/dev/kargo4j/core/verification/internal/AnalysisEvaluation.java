package dev.kargo4j.core.verification.internal;

import dev.kargo4j.core.internal.Failures;
import dev.kargo4j.core.model.AnalysisRunArgument;
import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.model.rollouts.AnalysisArgument;
import dev.kargo4j.core.model.rollouts.AnalysisTemplate;
import dev.kargo4j.core.model.rollouts.DryRun;
import dev.kargo4j.core.model.rollouts.GenericMetricProvider;
import dev.kargo4j.core.model.rollouts.IntOrString;
import dev.kargo4j.core.model.rollouts.MeasurementRetention;
import dev.kargo4j.core.model.rollouts.Metric;
import dev.kargo4j.core.model.rollouts.WebMetricHeader;
import dev.kargo4j.core.model.rollouts.WebMetricProvider;
import dev.kargo4j.core.spi.BoundedHttpClient;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.MetricContext;
import dev.kargo4j.core.spi.MetricMeasurement;
import dev.kargo4j.core.spi.MetricMeasurement.Phase;
import dev.kargo4j.core.spi.MetricProvider;
import dev.kargo4j.core.verification.Measurement;
import dev.kargo4j.core.verification.MetricProviderRegistry;
import dev.kargo4j.core.verification.MetricStatus;
import dev.kargo4j.expr.ExprEngine;
import dev.kargo4j.expr.GoRegexp;
import dev.kargo4j.expr.InvalidRegexpException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of one AnalysisRun, following Argo Rollouts' analysis controller
 * ({@code analysis/analysis.go}): which metrics are due, measurement bookkeeping, metric and
 * run assessment, the next reconcile time. Not thread-safe: {@code AnalysisRun} serializes
 * calls.
 */
public final class AnalysisEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(AnalysisEvaluation.class);
  /** Rollouts' {@code DefaultErrorRetryInterval}. */
  static final Duration ERROR_RETRY_INTERVAL = Duration.ofSeconds(10);
  /** Rollouts' {@code DefaultConsecutiveErrorLimit}. */
  static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
  /** Rollouts' {@code DefaultMeasurementHistoryLimit}. */
  static final int DEFAULT_RETENTION = 10;
  /** Best to worst, as Rollouts' {@code analysisStatusOrder}. */
  private static final List<VerificationPhase> ORDER = List.of(VerificationPhase.SUCCESSFUL,
      VerificationPhase.RUNNING, VerificationPhase.PENDING, VerificationPhase.INCONCLUSIVE,
      VerificationPhase.ERROR, VerificationPhase.FAILED);

  private final String project;
  private final String stage;
  private final List<ResolvedMetric> metrics;
  private final Map<String, String> args;
  private final MetricProviderRegistry providers;
  private final Conditions conditions;
  private final WebMeasurer web;
  private final Clock clock;
  private final Map<Capability<?>, Object> capabilities;
  private final Map<String, MetricState> results = new LinkedHashMap<>();

  private VerificationPhase phase = VerificationPhase.PENDING;
  private String message = "";
  private Instant startedAt;
  private Instant completedAt;
  private boolean terminate;
  private Instant nextReconcileAt;

  private AnalysisEvaluation(String project, String stage, List<ResolvedMetric> metrics, Map<String, String> args,
      MetricProviderRegistry providers, ExprEngine expressions, BoundedHttpClient web, Clock clock,
      Map<Capability<?>, Object> capabilities) {
    this.project = project;
    this.stage = stage;
    this.metrics = metrics;
    this.args = args;
    this.providers = providers;
    this.conditions = new Conditions(expressions);
    this.web = new WebMeasurer(web);
    this.clock = clock;
    this.capabilities = capabilities;
  }

  /** Flattens, merges arguments, resolves placeholders and validates; a mistake makes an Error run. */
  public static AnalysisEvaluation create(String project, String stage, List<AnalysisTemplate> templates,
      List<AnalysisRunArgument> incoming, MetricProviderRegistry providers, ExprEngine expressions,
      BoundedHttpClient web, Clock clock, Map<Capability<?>, Object> capabilities) {
    List<ResolvedMetric> resolved = List.of();
    Map<String, String> args = Map.of();
    String error = null;
    try {
      args = mergeArgs(templates, incoming);
      resolved = resolveMetrics(templates, args, providers);
    } catch (SpecException e) {
      error = e.getMessage();
    }
    AnalysisEvaluation ev = new AnalysisEvaluation(project, stage, resolved, args, providers, expressions,
        web, clock, capabilities);
    if (error != null) {
      ev.phase = VerificationPhase.ERROR;
      ev.message = error;
      ev.startedAt = clock.instant();
      ev.completedAt = ev.startedAt;
    } else {
      ev.nextReconcileAt = clock.instant();
    }
    return ev;
  }

  // ------------------------------------------------------------------ reading

  public VerificationPhase phase() {
    return phase;
  }

  public String message() {
    return message;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant completedAt() {
    return completedAt;
  }

  public Instant nextReconcileAt() {
    return phase.isTerminal() ? null : nextReconcileAt;
  }

  public List<MetricStatus> metricStatuses() {
    List<MetricStatus> out = new ArrayList<>();
    for (ResolvedMetric m : metrics) {
      MetricState s = results.get(m.name());
      if (s != null) {
        out.add(s.toStatus(m));
      }
    }
    return out;
  }

  public void terminate() {
    terminate = true;
    nextReconcileAt = clock.instant();
  }

  // ------------------------------------------------------------------ reconcile

  /** Rollouts' {@code reconcileAnalysisRun}. */
  public void reconcile() {
    if (phase.isTerminal()) {
      return;
    }
    boolean terminating = isTerminating();
    for (ResolvedMetric m : metrics) {
      if (isDue(m, terminating)) {
        measure(m);
      }
    }
    assess();
    for (ResolvedMetric m : metrics) {
      MetricState s = results.get(m.name());
      if (s != null) {
        while (s.measurements.size() > m.retention()) {
          s.measurements.remove(0);
        }
      }
    }
    nextReconcileAt = phase.isTerminal() ? null : computeNextReconcile();
  }

  private boolean isTerminating() {
    if (terminate) {
      return true;
    }
    for (ResolvedMetric m : metrics) {
      MetricState s = results.get(m.name());
      if (s != null && !m.dryRun() && (s.phase == VerificationPhase.FAILED || s.phase == VerificationPhase.ERROR
          || s.phase == VerificationPhase.INCONCLUSIVE)) {
        return true;
      }
    }
    return false;
  }

  /** Rollouts' {@code generateMetricTasks}, for one metric. */
  private boolean isDue(ResolvedMetric m, boolean terminating) {
    MetricState s = results.get(m.name());
    if (s != null && s.phase.isTerminal()) {
      return false;
    }
    if (terminating) {
      return false;
    }
    Instant now = clock.instant();
    Measurement last = s == null || s.measurements.isEmpty() ? null : s.measurements.get(s.measurements.size() - 1);
    if (last == null) {
      if (m.initialDelay() != null) {
        return startedAt != null && !now.isBefore(startedAt.plus(m.initialDelay()));
      }
      return true;
    }
    Integer effectiveCount = m.effectiveCount();
    if (effectiveCount != null && s.count >= effectiveCount) {
      return false;
    }
    Duration interval = ERROR_RETRY_INTERVAL;
    if (last.phase() != Phase.ERROR && m.interval() != null) {
      interval = m.interval();
    }
    // Rollouts compares now.After(finishedAt+interval); a manual clock sits exactly on the due
    // time, so the due time itself counts
    return !now.isBefore(last.finishedAt().plus(interval));
  }

  private void measure(ResolvedMetric m) {
    Instant started = clock.instant();
    MetricMeasurement taken;
    try {
      taken = m.web() != null ? web.measure(m.web()) : plugin(m);
      if (taken == null) {
        taken = MetricMeasurement.error("metric provider '" + m.providerType() + "' returned no measurement");
      }
    } catch (Throwable e) {
      // a provider's Error is its measurement's error, never the analysis's end (Failures)
      Failures.rethrowIfFatal(e);
      taken = MetricMeasurement.error(e instanceof Exception || m.web() != null ? Failures.describe(e)
          : "metric provider '" + m.providerType() + "' (plug-in " + providerClass(m) + ") threw "
              + Failures.describe(e));
    }
    Phase p = taken.phase();
    String msg = taken.message();
    if (p == null) {
      try {
        p = conditions.evaluate(taken.value(), m.successCondition(), m.failureCondition());
      } catch (ConditionException e) {
        p = Phase.ERROR;
        msg = e.getMessage();
      }
    }
    MetricState s = results.computeIfAbsent(m.name(), k -> new MetricState());
    switch (p) {
      case SUCCESSFUL -> {
        s.successful++;
        s.count++;
        s.consecutiveError = 0;
        s.consecutiveSuccess++;
      }
      case FAILED -> {
        s.failed++;
        s.count++;
        s.consecutiveError = 0;
        s.consecutiveSuccess = 0;
      }
      case INCONCLUSIVE -> {
        s.inconclusive++;
        s.count++;
        s.consecutiveError = 0;
        s.consecutiveSuccess = 0;
      }
      default -> {
        s.error++;
        s.consecutiveError++;
        s.consecutiveSuccess = 0;
        LOG.debug("measurement of metric {} for Stage {} had an error: {}", m.name(), stage, msg);
      }
    }
    String value = p == Phase.ERROR && taken.value() == null ? "" : WebMeasurer.jsonText(taken.value());
    s.measurements.add(new Measurement(p, value, msg, started, clock.instant()));
  }

  private MetricMeasurement plugin(ResolvedMetric m) {
    MetricProvider provider = providers.find(m.providerType()).orElse(null);
    if (provider == null) {
      return MetricMeasurement.error("no metric provider for '" + m.providerType() + "'; known: "
          + known());
    }
    return provider.measure(new Context(m, provider));
  }

  private String providerClass(ResolvedMetric m) {
    return providers.find(m.providerType()).map(p -> p.getClass().getName()).orElse("?");
  }

  private String known() {
    Set<String> types = new java.util.TreeSet<>(providers.types());
    types.add("web");
    return String.join(", ", types);
  }

  /** Rollouts' {@code assessRunStatus}. */
  private void assess() {
    if (startedAt == null) {
      startedAt = clock.instant();
    }
    boolean terminating = isTerminating();
    VerificationPhase worst = null;
    String worstMessage = terminate ? "Run Terminated" : "";
    boolean everythingCompleted = true;
    for (ResolvedMetric m : metrics) {
      MetricState s = results.get(m.name());
      if (s == null) {
        everythingCompleted = false;
        continue;
      }
      VerificationPhase metricPhase = assessMetric(m, s, terminating);
      if (s.phase != metricPhase) {
        if (!s.measurements.isEmpty()) {
          s.message = s.measurements.get(s.measurements.size() - 1).message();
        }
        s.phase = metricPhase;
      }
      if (!metricPhase.isTerminal()) {
        everythingCompleted = false;
        continue;
      }
      String why = failureReason(m, s)[1];
      if (!m.dryRun()) {
        if (worst == null || isWorse(worst, metricPhase)) {
          worst = metricPhase;
          if (!why.isEmpty()) {
            worstMessage = "Metric \"" + m.name() + "\" assessed " + metricPhase.wireName() + " due to " + why;
            if (!s.message.isEmpty()) {
              worstMessage += ": \"Error Message: " + s.message + "\"";
            }
          }
        }
      } else {
        if (worst == null) {
          worst = VerificationPhase.SUCCESSFUL;
        }
        if (!why.isEmpty()) {
          s.message = "Metric assessed " + metricPhase.wireName() + " due to " + why;
        }
      }
    }
    worstMessage = worstMessage.strip();
    VerificationPhase next;
    String nextMessage;
    if (terminating) {
      next = worst == null ? VerificationPhase.SUCCESSFUL : worst;
      nextMessage = worstMessage;
    } else if (!everythingCompleted || worst == null) {
      next = VerificationPhase.RUNNING;
      nextMessage = "";
    } else {
      next = worst;
      nextMessage = worstMessage;
    }
    if (next != phase) {
      phase = next;
      message = nextMessage;
      if (next.isTerminal() && completedAt == null) {
        completedAt = clock.instant();
      }
    }
  }

  /** Rollouts' {@code assessMetricStatus}. */
  private static VerificationPhase assessMetric(ResolvedMetric m, MetricState s, boolean terminating) {
    if (s.phase.isTerminal()) {
      return s.phase;
    }
    if (s.measurements.isEmpty()) {
      return terminating ? VerificationPhase.SUCCESSFUL : VerificationPhase.PENDING;
    }
    String[] failure = failureReason(m, s);
    if (failure[0] != null) {
      return VerificationPhase.fromWireName(failure[0]);
    }
    Integer csl = m.consecutiveSuccessLimit();
    boolean successApplicable = csl != null && csl > 0;
    if (successApplicable && s.consecutiveSuccess >= csl) {
      return VerificationPhase.SUCCESSFUL;
    }
    Integer effectiveCount = m.effectiveCount();
    if (effectiveCount != null && s.count >= effectiveCount) {
      boolean failureApplicable = m.failureLimit() >= 0;
      if (failureApplicable && successApplicable) {
        return VerificationPhase.INCONCLUSIVE;
      } else if (successApplicable) {
        return VerificationPhase.FAILED;
      }
      return VerificationPhase.SUCCESSFUL;
    }
    return terminating ? VerificationPhase.SUCCESSFUL : VerificationPhase.RUNNING;
  }

  /** Rollouts' {@code assessMetricFailureInconclusiveOrError}: {phase wire name or null, message}. */
  private static String[] failureReason(ResolvedMetric m, MetricState s) {
    String phase = null;
    String msg = "";
    if (m.failureLimit() >= 0 && s.failed > m.failureLimit()) {
      phase = "Failed";
      msg = "failed (" + s.failed + ") > failureLimit (" + m.failureLimit() + ")";
    }
    if (s.inconclusive > m.inconclusiveLimit()) {
      phase = "Inconclusive";
      msg = "inconclusive (" + s.inconclusive + ") > inconclusiveLimit (" + m.inconclusiveLimit() + ")";
    }
    if (s.consecutiveError > m.consecutiveErrorLimit()) {
      phase = "Error";
      msg = "consecutiveErrors (" + s.consecutiveError + ") > consecutiveErrorLimit ("
          + m.consecutiveErrorLimit() + ")";
    }
    return new String[] {phase, msg};
  }

  private static boolean isWorse(VerificationPhase current, VerificationPhase candidate) {
    return ORDER.indexOf(candidate) > ORDER.indexOf(current);
  }

  /** Rollouts' {@code calculateNextReconcileTime}. */
  private Instant computeNextReconcile() {
    Instant next = null;
    for (ResolvedMetric m : metrics) {
      MetricState s = results.get(m.name());
      if (s != null && s.phase.isTerminal()) {
        continue;
      }
      Measurement last = s == null || s.measurements.isEmpty() ? null : s.measurements.get(s.measurements.size() - 1);
      Instant t;
      if (last == null) {
        if (m.initialDelay() == null) {
          continue;
        }
        t = (startedAt == null ? clock.instant() : startedAt).plus(m.initialDelay());
      } else {
        Integer effectiveCount = m.effectiveCount();
        if (effectiveCount != null && s.count >= effectiveCount) {
          continue;
        }
        Duration interval;
        if (last.phase() == Phase.ERROR) {
          interval = ERROR_RETRY_INTERVAL;
        } else if (m.interval() != null) {
          interval = m.interval();
        } else {
          continue;
        }
        t = last.finishedAt().plus(interval);
      }
      if (next == null || t.isBefore(next)) {
        next = t;
      }
    }
    return next;
  }

  // ------------------------------------------------------------------ setup

  /** Kargo's {@code flattenArgs} + {@code mergeArgs}: the templates' args with the Stage's values over them. */
  static Map<String, String> mergeArgs(List<AnalysisTemplate> templates, List<AnalysisRunArgument> incoming) {
    Map<String, String> merged = new LinkedHashMap<>();
    Map<String, Boolean> fromSecret = new LinkedHashMap<>();
    for (AnalysisTemplate t : templates) {
      for (AnalysisArgument a : t.spec().args()) {
        if (!merged.containsKey(a.name())) {
          merged.put(a.name(), a.value());
          fromSecret.put(a.name(), !a.valueFrom().isEmpty());
          continue;
        }
        String existing = merged.get(a.name());
        if (existing != null && a.value() != null && !existing.equals(a.value())) {
          throw new SpecException("flatten templates: conflicting values for argument \"" + a.name()
              + "\": \"" + existing + "\" and \"" + a.value() + "\"");
        }
        if (existing == null && a.value() != null) {
          merged.put(a.name(), a.value());
        }
        if (!a.valueFrom().isEmpty()) {
          fromSecret.put(a.name(), true);
        }
      }
    }
    for (AnalysisRunArgument a : incoming) {
      if (merged.containsKey(a.name())) {
        // Kargo's builder turns an empty Stage value into "no value"
        if (!a.value().isEmpty()) {
          merged.put(a.name(), a.value());
        }
      }
    }
    for (Map.Entry<String, String> e : merged.entrySet()) {
      if (e.getValue() == null) {
        if (Boolean.TRUE.equals(fromSecret.get(e.getKey()))) {
          throw new SpecException("argument \"" + e.getKey() + "\" takes its value from valueFrom, which"
              + " kargo4j does not resolve; give it a value in the Stage's verification.args");
        }
        throw new SpecException("validate merged arguments: unresolved argument \"" + e.getKey()
            + "\": neither Value nor ValueFrom is set");
      }
    }
    return merged;
  }

  private static List<ResolvedMetric> resolveMetrics(List<AnalysisTemplate> templates, Map<String, String> args,
      MetricProviderRegistry providers) {
    List<Metric> all = new ArrayList<>();
    List<DryRun> dryRuns = new ArrayList<>();
    List<MeasurementRetention> retentions = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (AnalysisTemplate t : templates) {
      for (Metric m : t.spec().metrics()) {
        if (!names.add(m.name())) {
          throw new SpecException("flatten templates: duplicate metric name: \"" + m.name() + "\"");
        }
        all.add(m);
      }
      dryRuns.addAll(t.spec().dryRun());
      retentions.addAll(t.spec().measurementRetention());
    }
    if (all.isEmpty()) {
      throw new SpecException("Analysis spec invalid: no metrics specified");
    }
    List<ResolvedMetric> out = new ArrayList<>();
    try {
      for (int i = 0; i < all.size(); i++) {
        out.add(resolve(all.get(i), args));
      }
    } catch (IllegalArgumentException e) {
      throw new SpecException("Unable to resolve metric arguments: " + e.getMessage());
    }
    for (int i = 0; i < out.size(); i++) {
      String problem = validate(out.get(i));
      if (problem != null) {
        throw new SpecException("Analysis spec invalid: metrics[" + i + "]: " + problem);
      }
    }
    Map<String, Boolean> dry = matchNames(dryRuns.stream().map(DryRun::metricName).toList(), out, "dryRun");
    Map<String, Integer> retain = new HashMap<>();
    for (int i = 0; i < retentions.size(); i++) {
      MeasurementRetention r = retentions.get(i);
      Map<String, Boolean> matched = matchNames(List.of(r.metricName()), out, "measurementRetention[" + i + "]");
      for (String n : matched.keySet()) {
        retain.put(n, (int) Math.max(1, r.limit()));
      }
    }
    List<ResolvedMetric> done = new ArrayList<>();
    for (ResolvedMetric m : out) {
      done.add(m.with(dry.getOrDefault(m.name(), false), retain.getOrDefault(m.name(), DEFAULT_RETENTION)));
    }
    for (ResolvedMetric m : done) {
      if (m.web() == null && providers.find(m.providerType()).isEmpty()) {
        throw new SpecException("Analysis spec invalid: metric \"" + m.name() + "\" uses provider '"
            + m.providerType() + "', which is not registered; known: "
            + String.join(", ", withWeb(providers.types())));
      }
    }
    return List.copyOf(done);
  }

  private static Set<String> withWeb(Set<String> types) {
    Set<String> s = new java.util.TreeSet<>(types);
    s.add("web");
    return s;
  }

  /** Rollouts' {@code GetDryRunMetrics} / {@code GetMeasurementRetentionMetrics}: regexes over names. */
  private static Map<String, Boolean> matchNames(List<String> patterns, List<ResolvedMetric> metrics, String what) {
    Map<String, Boolean> out = new HashMap<>();
    for (int i = 0; i < patterns.size(); i++) {
      GoRegexp p;
      try {
        p = GoRegexp.compile(patterns.get(i));
      } catch (InvalidRegexpException e) {
        p = null;
      }
      int matches = 0;
      for (ResolvedMetric m : metrics) {
        if (p != null && p.matchString(m.name())) {
          out.put(m.name(), true);
          matches++;
        }
      }
      if (matches == 0) {
        String label = patterns.size() == 1 && what.contains("[") ? what : what + "[" + i + "]";
        throw new SpecException("Analysis spec invalid: " + label + ": Rule didn't match any metric name(s)");
      }
    }
    return out;
  }

  private static ResolvedMetric resolve(Metric m, Map<String, String> args) {
    Integer count = intOf(m.count(), args);
    int failureLimit = orDefault(intOf(m.failureLimit(), args), 0);
    int inconclusiveLimit = orDefault(intOf(m.inconclusiveLimit(), args), 0);
    Integer errorLimit = intOf(m.consecutiveErrorLimit(), args);
    Integer successLimit = intOf(m.consecutiveSuccessLimit(), args);
    String success = Placeholders.resolve(m.successCondition(), args);
    String failure = Placeholders.resolve(m.failureCondition(), args);
    WebRequest web = null;
    String type = m.provider().type();
    Object config = null;
    if (m.provider() instanceof WebMetricProvider w) {
      List<String[]> headers = new ArrayList<>();
      for (WebMetricHeader h : w.headers()) {
        headers.add(new String[] {Placeholders.resolve(h.key(), args), Placeholders.resolve(h.value(), args)});
      }
      web = new WebRequest(Placeholders.resolve(w.method(), args), Placeholders.resolve(w.url(), args), headers,
          Placeholders.resolve(w.body(), args), w.jsonBody() == null ? null : Placeholders.resolveTree(w.jsonBody(), args),
          w.timeoutSeconds(), Placeholders.resolve(w.jsonPath(), args), w.insecure());
    } else if (m.provider() instanceof GenericMetricProvider g) {
      config = g.config() == null ? Map.of() : Placeholders.resolveTree(g.config(), args);
    }
    return new ResolvedMetric(m.name(), m.interval(), m.initialDelay(), count, failureLimit, inconclusiveLimit,
        errorLimit == null ? DEFAULT_CONSECUTIVE_ERROR_LIMIT : errorLimit, successLimit, success, failure, type,
        web, config, false, DEFAULT_RETENTION);
  }

  private static int orDefault(Integer v, int d) {
    return v == null ? d : v;
  }

  private static Integer intOf(IntOrString v, Map<String, String> args) {
    if (v == null) {
      return null;
    }
    if (v.isInt()) {
      return (int) v.intValue();
    }
    String text = Placeholders.resolve(v.stringValue(), args).trim();
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      // intstr.IntValue() of a non-numeric string is 0
      return 0;
    }
  }

  /** Rollouts' {@code ValidateMetric}. */
  private static String validate(ResolvedMetric m) {
    int count = m.count() == null ? 0 : m.count();
    int failureLimit = m.failureLimit();
    int successLimit = m.consecutiveSuccessLimit() == null ? 0 : m.consecutiveSuccessLimit();
    int inconclusiveLimit = m.inconclusiveLimit();
    if (successLimit < 0) {
      return "consecutiveSuccessLimit must be >= 0";
    }
    if (failureLimit < -1) {
      return "failureLimit must be >= 0, or -1 to be disabled";
    }
    if (successLimit == 0 && failureLimit == -1) {
      return "failureLimit and consecutiveSuccessLimit cannot both be disabled";
    }
    if (inconclusiveLimit < 0) {
      return "inconclusiveLimit must be >= 0";
    }
    if (m.consecutiveErrorLimit() < 0) {
      return "consecutiveErrorLimit must be >= 0";
    }
    if (count > 0) {
      if (failureLimit >= 0) {
        if (count < failureLimit + successLimit) {
          return "count (" + count + ") must be >= failureLimit + consecutiveSuccessLimit (" + failureLimit
              + " + " + successLimit + ") if both >= 0";
        }
      } else if (count < successLimit) {
        return "count must be >= consecutiveSuccessLimit";
      }
      if (count < inconclusiveLimit) {
        return "count must be >= inconclusiveLimit";
      }
    }
    if (count > 1 && m.interval() == null) {
      return "interval must be specified when count > 1";
    }
    return null;
  }

  /** A metric with its placeholders resolved and Rollouts' defaults applied. */
  record ResolvedMetric(String name, Duration interval, Duration initialDelay, Integer count, int failureLimit,
      int inconclusiveLimit, int consecutiveErrorLimit, Integer consecutiveSuccessLimit, String successCondition,
      String failureCondition, String providerType, WebRequest web, Object config, boolean dryRun, int retention) {

    ResolvedMetric with(boolean dry, int keep) {
      return new ResolvedMetric(name, interval, initialDelay, count, failureLimit, inconclusiveLimit,
          consecutiveErrorLimit, consecutiveSuccessLimit, successCondition, failureCondition, providerType, web,
          config, dry, keep);
    }

    /** Rollouts' {@code EffectiveCount}: null means the metric runs until terminated. */
    Integer effectiveCount() {
      if (count == null || count == 0) {
        return interval == null ? 1 : null;
      }
      return count;
    }
  }

  /** Mutable bookkeeping of one metric ({@code MetricResult}). */
  private static final class MetricState {
    VerificationPhase phase = VerificationPhase.RUNNING;
    String message = "";
    int count;
    int successful;
    int failed;
    int inconclusive;
    int error;
    int consecutiveError;
    int consecutiveSuccess;
    final List<Measurement> measurements = new ArrayList<>();

    MetricStatus toStatus(ResolvedMetric m) {
      return new MetricStatus(m.name(), phase, message, count, successful, failed, inconclusive, error,
          consecutiveError, consecutiveSuccess, m.dryRun(), measurements);
    }
  }

  private final class Context implements MetricContext {
    private final ResolvedMetric metric;
    private final MetricProvider provider;

    Context(ResolvedMetric metric, MetricProvider provider) {
      this.metric = metric;
      this.provider = provider;
    }

    @Override
    public String project() {
      return project;
    }

    @Override
    public String stage() {
      return stage;
    }

    @Override
    public String metricName() {
      return metric.name();
    }

    @Override
    public Object config() {
      return metric.config();
    }

    @Override
    public Map<String, String> args() {
      return java.util.Collections.unmodifiableMap(args);
    }

    @Override
    public <T> T capability(Capability<T> capability) {
      if (!provider.capabilities().contains(capability)) {
        throw new dev.kargo4j.core.spi.InvalidConfigException("metric provider '" + provider.type()
            + "' asked for capability '" + capability.name() + "' without declaring it in capabilities()");
      }
      Object v = capabilities.get(capability);
      if (v == null) {
        v = capability.defaultValue().orElse(null);
      }
      if (v == null) {
        throw new dev.kargo4j.core.spi.InvalidConfigException("metric provider '" + provider.type()
            + "' needs capability '" + capability.name() + "'; supply it with Verifier.builder().capability(...)");
      }
      return capability.cast(v);
    }

    @Override
    public Logger logger() {
      return LoggerFactory.getLogger("kargo4j.metric." + provider.type());
    }

    @Override
    public Clock clock() {
      return clock;
    }
  }

  /** A mistake in the templates or arguments; the run becomes Error with this message. */
  static final class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SpecException(String message) {
      super(message, null, false, false);
    }
  }
}
