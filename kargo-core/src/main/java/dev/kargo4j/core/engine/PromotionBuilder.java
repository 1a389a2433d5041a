package dev.kargo4j.core.engine;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.internal.Ulid;
import dev.kargo4j.core.model.ExpressionVariable;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionSpec;
import dev.kargo4j.core.model.PromotionStatus;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.PromotionTaskSpec;
import dev.kargo4j.core.model.PromotionTemplate;
import dev.kargo4j.core.model.Stage;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Builds a Promotion of a Freight to a Stage exactly as Kargo's Promotion webhook defaults one:
 * the name {@code lower(<stage>.<ULID>.<freight[0:7]>)} (lexical order is creation order), the
 * {@code kargo.akuity.io/create-actor} annotation, the vars (Stage vars, then template vars),
 * and the template's steps with PromotionTasks inflated: aliases {@code step-N} /
 * {@code task-N::<inner>}, task variables resolved with Kargo's precedence ("missing value for
 * variable" when a required one is unset), and a task step's {@code if} dropped.
 *
 * <p>Not thread-safe; one builder per Promotion. The built Promotion is immutable.
 */
public final class PromotionBuilder {
  /** The annotation naming who asked for a Promotion. */
  public static final String CREATE_ACTOR_ANNOTATION = "kargo.akuity.io/create-actor";
  /** The separator of an inflated task step's alias. */
  public static final String ALIAS_SEPARATOR = "::";
  private static final int MAX_STAGE_PREFIX = 253 - 1 - 26 - 1 - 7;

  private final Stage stage;
  private Freight freight;
  private PromotionTasks tasks = PromotionTasks.none();
  private String actor = "kargo4j";
  private Clock clock = Clock.systemUTC();
  private Ulid ulid;

  private PromotionBuilder(Stage stage) {
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  /** A builder of a Promotion to {@code stage}. */
  public static PromotionBuilder forStage(Stage stage) {
    return new PromotionBuilder(stage);
  }

  /** The Freight to promote; required. */
  public PromotionBuilder freight(Freight freight) {
    this.freight = freight;
    return this;
  }

  /** The tasks the template may reference. */
  public PromotionBuilder tasks(PromotionTasks tasks) {
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    return this;
  }

  /** Who asks for the Promotion; default {@code kargo4j}. */
  public PromotionBuilder actor(String actor) {
    this.actor = Objects.requireNonNull(actor, "actor");
    return this;
  }

  /** The clock for the creation time and the ULID. */
  public PromotionBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * The ULID source; share one between builders so names created in the same millisecond keep
   * their order. Defaults to a fresh one over the clock and a {@link SecureRandom}.
   */
  public PromotionBuilder ulids(Ulid ulids) {
    this.ulid = Objects.requireNonNull(ulids, "ulids");
    return this;
  }

  /**
   * The Pending Promotion.
   *
   * @throws KargoException when the Stage has no steps (a control-flow Stage), when a task is
   *     missing or a task variable has no value, or when the inflated aliases clash
   */
  public Promotion build() {
    Objects.requireNonNull(freight, "freight(...) is required");
    String project = stage.project();
    PromotionTemplate template = stage.spec().promotionTemplate();
    if (template == null || template.steps().isEmpty()) {
      throw new KargoException("Stage \"" + stage.name() + "\" has no promotion steps: a control-flow"
          + " Stage is not promoted to; promote to its downstream Stages instead");
    }
    List<ExpressionVariable> vars = new ArrayList<>(stage.spec().vars());
    vars.addAll(template.vars());
    List<PromotionStep> steps = inflate(project, template.steps(), vars);
    Ulid ids = ulid != null ? ulid : new Ulid(clock, new SecureRandom());
    String name = name(stage.name(), freight.name(), ids);
    ObjectMeta meta = new ObjectMeta(name, project, Map.of(),
        Map.of(CREATE_ACTOR_ANNOTATION, actor), clock.instant(), null);
    PromotionSpec spec = new PromotionSpec(stage.name(), freight.name(), null, vars, steps);
    return new Promotion(meta, spec, PromotionStatus.EMPTY.withPhase(PromotionPhase.PENDING, ""));
  }

  /** Kargo's {@code GeneratePromotionName}. */
  static String name(String stage, String freight, Ulid ids) {
    String hash = freight.length() > 7 ? freight.substring(0, 7) : freight;
    String prefix = stage.length() > MAX_STAGE_PREFIX ? stage.substring(0, MAX_STAGE_PREFIX) : stage;
    return (prefix + "." + ids.next() + "." + hash).toLowerCase(Locale.ROOT);
  }

  /** Kargo's {@code InflateSteps}. */
  List<PromotionStep> inflate(String project, List<PromotionStep> template, List<ExpressionVariable> promoVars) {
    List<PromotionStep> out = new ArrayList<>();
    for (int i = 0; i < template.size(); i++) {
      PromotionStep step = template.get(i);
      String alias = step.alias(i);
      if (step.task() == null) {
        out.add(step.withAs(alias));
        continue;
      }
      PromotionTaskSpec task;
      List<ExpressionVariable> vars;
      try {
        task = tasks.resolve(project, step.task());
        vars = taskVars(task.vars(), promoVars, step.vars());
      } catch (KargoException e) {
        throw new KargoException("inflate task steps for task \"" + step.task().name() + "\" (\""
            + alias + "\"): " + e.getMessage(), e);
      }
      for (int j = 0; j < task.steps().size(); j++) {
        PromotionStep inner = task.steps().get(j);
        List<ExpressionVariable> innerVars = new ArrayList<>(vars);
        innerVars.addAll(inner.vars());
        out.add(inner.withAs(alias + ALIAS_SEPARATOR + inner.alias(j)).withVars(innerVars));
      }
    }
    Set<String> seen = new HashSet<>();
    for (PromotionStep s : out) {
      if (!seen.add(s.as())) {
        throw new KargoException("Stage \"" + stage.name() + "\": step alias \"" + s.as()
            + "\" is used by more than one step after inflating its tasks; aliases must be unique");
      }
    }
    return out;
  }

  /** Kargo's {@code promotionTaskVarsToStepVars}. */
  static List<ExpressionVariable> taskVars(List<ExpressionVariable> taskVars, List<ExpressionVariable> promoVars,
      List<ExpressionVariable> stepVars) {
    Set<String> promo = new HashSet<>();
    for (ExpressionVariable v : promoVars) {
      if (v.value() != null && !v.value().isEmpty()) {
        promo.add(v.name());
      }
    }
    Set<String> step = new HashSet<>();
    for (ExpressionVariable v : stepVars) {
      if (v.value() != null && !v.value().isEmpty()) {
        step.add(v.name());
      }
    }
    List<ExpressionVariable> vars = new ArrayList<>();
    for (ExpressionVariable v : taskVars) {
      if (promo.contains(v.name())) {
        continue;
      }
      if (v.value() != null && !v.value().isEmpty()) {
        vars.add(v);
        continue;
      }
      if (!step.contains(v.name())) {
        throw new KargoException("missing value for variable \"" + v.name() + "\"");
      }
    }
    vars.addAll(stepVars);
    return vars;
  }
}
