package dev.kargo4j.core.engine;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.engine.internal.KargoFunctions;
import dev.kargo4j.core.engine.internal.Orchestrator;
import dev.kargo4j.core.engine.internal.Outcome;
import dev.kargo4j.core.engine.internal.PromotionWriter;
import dev.kargo4j.core.engine.internal.Redactor;
import dev.kargo4j.core.engine.internal.RunState;
import dev.kargo4j.core.engine.internal.StepEvaluator;
import dev.kargo4j.core.engine.internal.ContextBuildException;
import dev.kargo4j.core.internal.BasicStepContext;
import dev.kargo4j.core.internal.Failures;
import dev.kargo4j.core.model.HealthCheckStep;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionStatus;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.Sleeper;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.spi.TargetFreight;
import dev.kargo4j.core.spi.WorkDir;
import dev.kargo4j.expr.ExprEngine;
import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExpressionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Promotions as Kargo's promotion controller does, in-process: steps in order in one work
 * directory, each step's config rendered against {@code ctx}, {@code vars}, {@code outputs},
 * {@code task} and Kargo's functions, bound and handed to the {@link StepRunner} of its kind.
 *
 * <p>{@link #execute} runs one pass: from the current step until a step is Running (the
 * returned {@link PassOutcome} says when to call again) or the end. After every step
 * the Promotion is handed to the {@link PromotionSaver}, so a new engine resumes a Running
 * promotion after a restart at its current step with its state. {@link #run} drives passes
 * until the promotion ends. Built with {@link #builder()}; immutable and thread-safe, one engine
 * runs many promotions at once (a host runs at most one per Stage).
 */
public final class PromotionEngine {
  private static final Logger LOG = LoggerFactory.getLogger(PromotionEngine.class);

  private final StepRegistry steps;
  private final ExprEngine expressions;
  private final Clock clock;
  private final Path workRoot;
  private final boolean keepWorkDirs;
  private final Map<Capability<?>, Object> capabilities;
  private final ProjectData projectData;
  private final StatusData statusData;
  private final PromotionSaver saver;
  private final PromotionListener listener;
  private final Sleeper sleeper;
  private final String uiBaseUrl;
  private final Set<String> abortRequests = ConcurrentHashMap.newKeySet();

  private PromotionEngine(Builder b) {
    this.steps = b.steps;
    this.expressions = b.expressions;
    this.clock = b.clock;
    this.workRoot = b.workRoot;
    this.keepWorkDirs = b.keepWorkDirs;
    this.capabilities = Map.copyOf(b.capabilities);
    this.projectData = b.projectData;
    this.statusData = b.statusData;
    this.saver = b.saver;
    this.listener = b.listener;
    this.sleeper = b.sleeper;
    this.uiBaseUrl = b.uiBaseUrl;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Saves a Promotion after each step; the host's store, or nothing. */
  @FunctionalInterface
  public interface PromotionSaver {
    /** Saves {@code promotion}; return the saved version (e.g. with a new resourceVersion). */
    Promotion save(Promotion promotion);
  }

  /** The step registry. */
  public StepRegistry steps() {
    return steps;
  }

  /**
   * Runs one pass of {@code promotion} from its current step. A Pending promotion starts; a
   * Running one resumes; a terminal one is returned unchanged.
   *
   * @param freight the Freight being promoted and the Stage's requests and Warehouses
   * @return the promotion after the pass, Running (with when to call again) or terminal
   */
  public PassOutcome execute(Promotion promotion, TargetFreight freight) {
    Objects.requireNonNull(promotion, "promotion");
    Objects.requireNonNull(freight, "freight");
    PromotionStatus status = promotion.status();
    if (status.phase() != null && status.phase().isTerminal()) {
      return new PassOutcome(promotion, null);
    }
    Path dir = workRoot.resolve("promotion-" + promotion.name());
    boolean fresh = !Files.isDirectory(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the work directory " + dir, e);
    }
    List<PromotionStep> promotionSteps = Orchestrator.aliased(promotion.spec().steps());
    RunState run = toRunState(status, fresh && status.phase() == PromotionPhase.RUNNING);
    if (status.phase() != PromotionPhase.RUNNING) {
      status = status.withPhase(PromotionPhase.RUNNING, "")
          .withStartedAt(status.startedAt() != null ? status.startedAt() : clock.instant())
          .withFreight(freight.target().reference())
          .withFreightCollection(freight.collection());
      promotion = save(promotion.withStatus(status));
      notifyPhase(promotion);
    }
    Redactor redactor = new Redactor();
    Map<String, Object> ctx = ctx(promotion, freight);
    Map<String, ExprFunction> functions = KargoFunctions.forPromotion(promotion.project(), freight, projectData,
        statusData, redactor);
    StepEvaluator evaluator = new StepEvaluator(expressions, ctx, promotion.spec().vars(), functions);
    WorkDir workDir = WorkDir.of(dir);
    Map<Capability<?>, Object> promotionCapabilities = withRememberedCredentials(capabilities, redactor);
    String name = promotion.name();
    Promotion[] current = {promotion};

    Orchestrator.Pass pass = new Orchestrator.Pass() {
      @Override
      public boolean shouldSkip(PromotionStep step, RunState state) {
        return evaluator.shouldSkip(step, state);
      }

      @Override
      public Optional<StepRunner> runner(String kind) {
        return steps.find(kind);
      }

      @Override
      public Set<String> knownKinds() {
        return steps.kinds();
      }

      @Override
      public StepResult run(PromotionStep step, StepRunner runner, RunState state) {
        Map<String, Object> config;
        try {
          config = evaluator.config(step, state);
        } catch (ExpressionException | ContextBuildException | StackOverflowError e) {
          // rendering the config failed, not the runner: say so rather than blame the plug-in
          throw new ContextBuildException(Failures.describe(e), e);
        }
        Object previous = state.state().get(step.as());
        @SuppressWarnings("unchecked")
        Map<String, Object> prev = previous instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        BasicStepContext context = new BasicStepContext(current[0].project(), current[0].spec().stage(), name,
            actor(current[0]), uiBaseUrl, step.as(), config, workDir, prev, freight, runner.capabilities(),
            promotionCapabilities, redactor.logger(LoggerFactory.getLogger("kargo4j.step." + runner.kind())), clock,
            PromotionEngine.this.cancelled(name));
        return runner.run(context);
      }

      @Override
      public String redact(String message) {
        return redactor.redact(message);
      }

      @Override
      @SuppressWarnings("unchecked")
      public Map<String, Object> redact(Map<String, Object> output) {
        return (Map<String, Object>) redactor.redactTree(output);
      }

      @Override
      public void stepFinishedOrPaused(PromotionStep step, StepExecutionMetadata meta, RunState state) {
        current[0] = save(current[0].withStatus(merge(current[0].status(), state)));
        try {
          listener.stepUpdated(current[0], meta);
        } catch (Throwable e) {
          Failures.rethrowIfFatal(e);
          LOG.warn("promotion listener {} failed on step {}: {}", listener.getClass().getName(), step.as(),
              redactor.redact(Failures.describe(e)));
        }
      }

      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public BooleanSupplier cancelled() {
        return PromotionEngine.this.cancelled(name);
      }
    };

    Outcome outcome;
    Throwable fatal = null;
    try {
      outcome = Orchestrator.execute(promotionSteps, run, pass);
    } catch (Throwable e) {
      // what escapes the orchestrator (a store or listener failure, a broken JVM) ends the
      // promotion Errored, its message masked like every other, rather than leaving it Running
      // with nobody to run it; a fatal error goes on up once that is saved
      fatal = Failures.isFatal(e) ? e : null;
      LOG.warn("promotion {} failed unexpectedly: {}", name, redactor.redact(Failures.describe(e)));
      outcome = new Outcome(PromotionPhase.ERRORED, "promotion failed unexpectedly: " + Failures.describe(e), null);
    }
    try {
      return finish(current[0], run, outcome, redactor, dir);
    } finally {
      if (fatal != null) {
        Failures.rethrowIfFatal(fatal);
      }
    }
  }

  private PassOutcome finish(Promotion current, RunState run, Outcome outcome, Redactor redactor, Path dir) {
    String name = current.name();
    PromotionStatus after = merge(current.status(), run);
    if (outcome.phase() == PromotionPhase.RUNNING) {
      Promotion saved = save(current.withStatus(after));
      // the saved one may be terminal after all: an abort that won the race (PromotionWriter)
      return new PassOutcome(saved, saved.status().isTerminal() ? null : outcome.retryAfter());
    }
    abortRequests.remove(name);
    String message = outcome.phase() == PromotionPhase.ABORTED && after.message().startsWith("Promotion terminated")
        ? after.message() : redactor.redact(outcome.message());
    after = after.withPhase(outcome.phase(), message == null ? "" : message).withFinishedAt(clock.instant());
    Promotion done = save(current.withStatus(after));
    if (!keepWorkDirs) {
      deleteRecursively(dir);
    }
    notifyPhase(done);
    return new PassOutcome(done, null);
  }

  /**
   * Runs passes until the promotion ends, waiting between them as the Running step asked.
   *
   * @throws KargoException when interrupted; the promotion stays Running and can be resumed
   */
  public Promotion run(Promotion promotion, TargetFreight freight) {
    PassOutcome pass = execute(promotion, freight);
    while (!pass.isTerminal()) {
      try {
        sleeper.sleep(pass.retryAfter());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KargoException("interrupted while promotion " + pass.promotion().name()
            + " was running; it can be resumed", e);
      }
      pass = execute(pass.promotion(), freight);
    }
    return pass.promotion();
  }

  /**
   * What one pass of {@link #execute} left. Immutable and thread-safe.
   *
   * @param promotion the Promotion after the pass, as saved; never null
   * @param retryAfter when the Running step asked to be run again; null when the Promotion is
   *     terminal
   */
  public record PassOutcome(Promotion promotion, Duration retryAfter) {
    /** Checks that a Running Promotion says when to run again. */
    public PassOutcome {
      Objects.requireNonNull(promotion, "promotion");
      if (retryAfter == null && !promotion.status().isTerminal()) {
        throw new IllegalArgumentException("a Running promotion needs a retryAfter");
      }
    }

    /** The Promotion's phase after the pass. */
    public PromotionPhase phase() {
      return promotion.status().phase();
    }

    /** Whether the Promotion ended (call {@link PromotionEngine#execute} no more). */
    public boolean isTerminal() {
      return promotion.status().isTerminal();
    }
  }

  /**
   * Asks a running pass of {@code promotion} to stop at the next step boundary, and returns the
   * promotion marked Aborted as Kargo does ("Promotion terminated by ..."), its Running step
   * Aborted. A terminal promotion is returned unchanged.
   */
  public Promotion abort(Promotion promotion, String actor) {
    if (promotion.status().phase() != null && promotion.status().phase().isTerminal()) {
      return promotion;
    }
    abortRequests.add(promotion.name());
    List<StepExecutionMetadata> metas = new ArrayList<>();
    for (StepExecutionMetadata m : promotion.status().stepExecutionMetadata()) {
      metas.add(m.status() == PromotionStepStatus.RUNNING || (m.startedAt() != null && m.finishedAt() == null)
          ? m.withStatus(PromotionStepStatus.ABORTED, "aborted by " + actor).withFinishedAt(clock.instant()) : m);
    }
    PromotionStatus s = promotion.status().withStepExecutionMetadata(metas)
        .withPhase(PromotionPhase.ABORTED, "Promotion terminated by " + actor).withFinishedAt(clock.instant());
    Promotion aborted = save(promotion.withStatus(s));
    if (!keepWorkDirs) {
      deleteRecursively(workRoot.resolve("promotion-" + promotion.name()));
    }
    notifyPhase(aborted);
    return aborted;
  }

  /**
   * Renders every step's {@code if} and config for {@code promotion} without running anything:
   * the outputs of earlier steps are empty, so expressions over {@code outputs} see nil (and
   * a step reading a field of one shows an error).
   */
  public List<RenderedStep> dryRun(Promotion promotion, TargetFreight freight) {
    return dryRun(promotion, freight, Map.of());
  }

  /**
   * Renders every step's {@code if} and config as {@link #dryRun(Promotion, TargetFreight)}
   * does, with {@code assumedOutputs} (step alias to output) standing in for what earlier steps
   * would have produced, so that expressions over {@code outputs} and {@code task.outputs} can
   * be checked too.
   */
  public List<RenderedStep> dryRun(Promotion promotion, TargetFreight freight,
      Map<String, Map<String, Object>> assumedOutputs) {
    Redactor redactor = new Redactor();
    StepEvaluator evaluator = new StepEvaluator(expressions, ctx(promotion, freight), promotion.spec().vars(),
        KargoFunctions.forPromotion(promotion.project(), freight, projectData, statusData, redactor));
    RunState run = new RunState(0, List.of(), new LinkedHashMap<>(assumedOutputs));
    List<RenderedStep> out = new ArrayList<>();
    for (PromotionStep step : Orchestrator.aliased(promotion.spec().steps())) {
      Object condition = null;
      Map<String, Object> config = Map.of();
      String error = null;
      try {
        if (step.ifExpression() != null && !step.ifExpression().isEmpty()) {
          condition = expressions.render(step.ifExpression(), evaluator.fullEnv(step, run));
        }
        config = evaluator.config(step, run);
      } catch (KargoException e) {
        error = redactor.redact(e.getMessage());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> shown = (Map<String, Object>) redactor.redactTree(config);
      out.add(new RenderedStep(step.as(), step.uses(), condition, shown, error));
    }
    return out;
  }

  /**
   * One step as a dry-run renders it.
   *
   * @param condition the rendered {@code if}, or null when the step has none
   * @param config the rendered config (secrets masked)
   * @param error why rendering failed, or null
   */
  public record RenderedStep(String alias, String uses, Object condition, Map<String, Object> config, String error) {}

  /**
   * The capabilities with the credentials provider wrapped so that whatever it hands a step of
   * this promotion is masked like the promotion's secrets: a token in a runner's exception or
   * log line, a password in a URL.
   */
  private static Map<Capability<?>, Object> withRememberedCredentials(Map<Capability<?>, Object> capabilities,
      Redactor redactor) {
    Object provider = capabilities.get(Capability.CREDENTIALS);
    if (!(provider instanceof CredentialsProvider host)) {
      return capabilities;
    }
    Map<Capability<?>, Object> out = new HashMap<>(capabilities);
    out.put(Capability.CREDENTIALS, (CredentialsProvider) (type, url) -> {
      Optional<dev.kargo4j.core.spi.Credentials> found = host.credentials(type, url);
      if (found != null) {
        found.ifPresent(redactor::remember);
      }
      return found;
    });
    return Map.copyOf(out);
  }

  private BooleanSupplier cancelled(String name) {
    return () -> abortRequests.contains(name) || Thread.currentThread().isInterrupted();
  }

  private Promotion save(Promotion p) {
    return saver.save(p);
  }

  private void notifyPhase(Promotion p) {
    try {
      listener.phaseChanged(p);
    } catch (Throwable e) {
      // a host's listener must not break the promotion it listens to (Failures)
      Failures.rethrowIfFatal(e);
      LOG.warn("promotion listener {} failed on {}: {}", listener.getClass().getName(), p.name(),
          Failures.describe(e));
    }
  }

  private Map<String, Object> ctx(Promotion promotion, TargetFreight freight) {
    Map<String, Object> targetFreight = new LinkedHashMap<>();
    targetFreight.put("name", freight.target().name());
    targetFreight.put("alias", freight.target().alias());
    targetFreight.put("origin", Map.of("name", freight.target().origin().name()));
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("uiBaseUrl", uiBaseUrl);
    ctx.put("project", promotion.project());
    ctx.put("stage", promotion.spec().stage());
    ctx.put("promotion", promotion.name());
    ctx.put("targetFreight", targetFreight);
    ctx.put("meta", Map.of("promotion", Map.of("actor", actor(promotion), "rollback", false)));
    return ctx;
  }

  private static String actor(Promotion p) {
    String a = p.metadata().annotations().get(PromotionBuilder.CREATE_ACTOR_ANNOTATION);
    return a == null ? "" : a;
  }

  private static RunState toRunState(PromotionStatus status, boolean restartFromScratch) {
    Map<String, Object> state = status.state() == null ? Map.of() : status.state();
    if (restartFromScratch) {
      // Kargo: a work dir that had to be created anew restarts at step 0, state kept
      return new RunState(0, List.of(), state);
    }
    return new RunState((int) status.currentStep(), status.stepExecutionMetadata(), state);
  }

  private static PromotionStatus merge(PromotionStatus status, RunState run) {
    List<HealthCheckStep> checks = new ArrayList<>(status.healthChecks());
    for (HealthCheckStep c : run.healthChecks()) {
      if (!checks.contains(c)) {
        checks.add(c);
      }
    }
    return status.withCurrentStep(run.currentStep()).withStepExecutionMetadata(run.metas())
        .withState(new HashMap<>(run.state())).withHealthChecks(checks);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.warn("could not delete the work directory {}: {}", dir, e.toString());
    }
  }

  /** Builds a {@link PromotionEngine}; not thread-safe. */
  public static final class Builder {
    private StepRegistry steps;
    private ExprEngine expressions = ExprEngine.standard();
    private Clock clock = Clock.systemUTC();
    private Path workRoot;
    private boolean keepWorkDirs;
    private final Map<Capability<?>, Object> capabilities = new HashMap<>();
    private ProjectData projectData = ProjectData.NONE;
    private StatusData statusData = StatusData.NONE;
    private PromotionSaver saver = p -> p;
    private PromotionListener listener = PromotionListener.NONE;
    private Sleeper sleeper = Sleeper.system();
    private String uiBaseUrl = "";

    private Builder() {}

    /** The step runners; required. */
    public Builder steps(StepRegistry steps) {
      this.steps = Objects.requireNonNull(steps, "steps");
      return this;
    }

    /** The expression engine; defaults to {@link ExprEngine#standard()}. */
    public Builder expressions(ExprEngine expressions) {
      this.expressions = Objects.requireNonNull(expressions, "expressions");
      return this;
    }

    /** The clock for every time decision; defaults to UTC system time. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where work directories ({@code promotion-<name>}) are created; defaults to a temp dir. */
    public Builder workRoot(Path workRoot) {
      this.workRoot = Objects.requireNonNull(workRoot, "workRoot");
      return this;
    }

    /** Keep work directories after a promotion ends (for debugging); default false. */
    public Builder keepWorkDirs(boolean keep) {
      this.keepWorkDirs = keep;
      return this;
    }

    /** Supplies a capability to the runners that declare it. */
    public <T> Builder capability(Capability<T> capability, T value) {
      capabilities.put(capability, capability.cast(Objects.requireNonNull(value, "value")));
      return this;
    }

    /** The Secrets and ConfigMaps of the expression functions. */
    public Builder projectData(ProjectData data) {
      this.projectData = Objects.requireNonNull(data, "data");
      return this;
    }

    /** Live Freight and Stage metadata for {@code freightMetadata()} and {@code stageMetadata()}. */
    public Builder statusData(StatusData data) {
      this.statusData = Objects.requireNonNull(data, "data");
      return this;
    }

    /**
     * The Kargo store: promotions are created and saved in it after every step (a stale write
     * is retried on the stored version unless the stored Promotion already ended, which then
     * wins), the
     * {@code freightMetadata()}/{@code stageMetadata()} functions read it, and steps that
     * declare {@link Capability#STORE} ({@code set-metadata}, {@code set-freight-alias}) get it.
     */
    public Builder store(Store store) {
      Objects.requireNonNull(store, "store");
      this.saver = new PromotionWriter(store)::save;
      this.statusData = new StatusData() {
        @Override
        public Optional<Map<String, Object>> freightMetadata(String project, String name) {
          return store.getFreight(project, name).map(f -> f.status().metadata());
        }

        @Override
        public Optional<Map<String, Object>> stageMetadata(String project, String name) {
          return store.getStageStatus(project, name).map(v -> v.value().metadata());
        }
      };
      capabilities.put(Capability.STORE, store);
      return this;
    }

    /** Where the promotion is saved after every step (the host's store). */
    public Builder saver(PromotionSaver saver) {
      this.saver = Objects.requireNonNull(saver, "saver");
      return this;
    }

    /** Progress events. */
    public Builder listener(PromotionListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** How {@link PromotionEngine#run} waits between passes. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Kargo's {@code ctx.uiBaseUrl}; empty by default. */
    public Builder uiBaseUrl(String url) {
      this.uiBaseUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The engine. */
    public PromotionEngine build() {
      Objects.requireNonNull(steps, "steps(...) is required");
      if (workRoot == null) {
        try {
          workRoot = Files.createTempDirectory("kargo4j-work");
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create a temporary work root", e);
        }
      }
      capabilities.putIfAbsent(Capability.CREDENTIALS, CredentialsProvider.NONE);
      // a step that uses the shared client directly must not follow redirects blindly (headers
      // would go to any host): BoundedHttpClient follows them hop by hop, with its checks
      capabilities.putIfAbsent(Capability.HTTP_CLIENT, HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build());
      return new PromotionEngine(this);
    }
  }
}
