package dev.kargo4j.core.engine.internal;

import dev.kargo4j.core.model.ExpressionVariable;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.expr.ExprEngine;
import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExpressionException;
import dev.kargo4j.expr.go.GoFmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the expression environment of a step (a model {@link PromotionStep} whose alias
 * {@code as} is set) exactly as Kargo's {@code StepEvaluator} does
 * and evaluates its vars, {@code if} and config. Promotion vars see {@code ctx} and the vars
 * before them; step vars also see {@code outputs}, {@code stepMetas} and {@code task}; the
 * {@code if} and the config also get the status functions. Thread-safe; the run state is read
 * by the calling thread only.
 */
public final class StepEvaluator {
  static final String ALIAS_SEPARATOR = "::";

  private final ExprEngine expr;
  private final Map<String, Object> ctx;
  private final List<ExpressionVariable> promotionVars;
  private final Map<String, ExprFunction> functions;

  /**
   * @param ctx Kargo's {@code ctx} map without {@code meta.step}
   * @param promotionVars the Promotion's vars (Stage vars then template vars)
   * @param functions Freight, data and utility functions, available everywhere
   */
  public StepEvaluator(ExprEngine expr, Map<String, Object> ctx, List<ExpressionVariable> promotionVars,
      Map<String, ExprFunction> functions) {
    this.expr = expr;
    this.ctx = ctx;
    this.promotionVars = List.copyOf(promotionVars);
    this.functions = Map.copyOf(functions);
  }

  /** The step's vars: promotion vars first, then the step's own; a later one overrides. */
  public Map<String, Object> vars(PromotionStep step, RunState run) {
    Map<String, Object> vars = new LinkedHashMap<>();
    Map<String, Object> stepCtx = ctxFor(step);
    for (ExpressionVariable v : promotionVars) {
      Map<String, Object> env = new LinkedHashMap<>(functions);
      env.put("ctx", stepCtx);
      env.put("vars", new LinkedHashMap<>(vars));
      vars.put(v.name(), evaluateVar(v, env));
    }
    for (ExpressionVariable v : step.vars()) {
      Map<String, Object> env = stepEnv(step, run, stepCtx, vars);
      vars.put(v.name(), evaluateVar(v, env));
    }
    return vars;
  }

  /** Whether the step is skipped: by its {@code if}, or by default after an earlier failure. */
  public boolean shouldSkip(PromotionStep step, RunState run) {
    if (step.ifExpression() == null || step.ifExpression().isEmpty()) {
      return run.hasFailures();
    }
    Map<String, Object> env = fullEnv(step, run);
    Object v = expr.render(step.ifExpression(), env);
    if (v instanceof Boolean b) {
      return !b;
    }
    throw new ExpressionException("expression must evaluate to a boolean, got " + goType(v),
        step.ifExpression(), 1, 1, "a boolean", null);
  }

  /** The step's config with every expression rendered; empty when the step has none. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> config(PromotionStep step, RunState run) {
    if (step.config().isEmpty()) {
      return Map.of();
    }
    Object rendered = expr.renderTree(step.config(), fullEnv(step, run));
    return rendered instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** The environment of the {@code if} and the config (a dry-run shows the same). */
  public Map<String, Object> fullEnv(PromotionStep step, RunState run) {
    Map<String, Object> vars = vars(step, run);
    Map<String, Object> env = stepEnv(step, run, ctxFor(step), vars);
    env.putAll(StatusFunctions.of(step.as(), run));
    return env;
  }

  private Map<String, Object> stepEnv(PromotionStep step, RunState run, Map<String, Object> stepCtx,
      Map<String, Object> vars) {
    Map<String, Object> env = new LinkedHashMap<>(functions);
    env.put("ctx", stepCtx);
    env.put("vars", new LinkedHashMap<>(vars));
    env.put("outputs", run.state);
    env.put("stepMetas", stepMetas(run));
    Map<String, Object> taskOutputs = taskOutputs(step.as(), run.state);
    if (taskOutputs != null) {
      env.put("task", Map.of("outputs", taskOutputs));
    }
    return env;
  }

  private Object evaluateVar(ExpressionVariable v, Map<String, Object> env) {
    try {
      return expr.render(v.value() == null ? "" : v.value(), env);
    } catch (ExpressionException e) {
      throw new ContextBuildException("error pre-processing promotion variable \"" + v.name() + "\": "
          + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> ctxFor(PromotionStep step) {
    Map<String, Object> c = new LinkedHashMap<>(ctx);
    Map<String, Object> meta = new LinkedHashMap<>();
    Object existing = ctx.get("meta");
    if (existing instanceof Map<?, ?> m) {
      meta.putAll((Map<String, Object>) m);
    }
    meta.put("step", Map.of("alias", step.as()));
    c.put("meta", meta);
    return c;
  }

  private static Map<String, Object> stepMetas(RunState run) {
    Map<String, Object> metas = new LinkedHashMap<>();
    for (StepExecutionMetadata m : run.metas()) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("alias", m.alias());
      v.put("startedAt", m.startedAt() == null ? null : m.startedAt().toString());
      v.put("finishedAt", m.finishedAt() == null ? null : m.finishedAt().toString());
      v.put("errorCount", m.errorCount());
      v.put("status", m.status() == null ? "" : m.status().wireName());
      v.put("message", m.message());
      v.put("continueOnError", m.continueOnError());
      metas.put(m.alias(), v);
    }
    return metas;
  }

  /** Kargo's {@code getTaskOutputs}: the outputs of the caller's task, prefix stripped. */
  static Map<String, Object> taskOutputs(String alias, Map<String, Object> state) {
    String ns = namespace(alias);
    if (ns == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : state.entrySet()) {
      if (ns.equals(namespace(e.getKey()))) {
        out.put(e.getKey().substring(ns.length() + ALIAS_SEPARATOR.length()), e.getValue());
      }
    }
    return out;
  }

  /** The part of an alias before {@code ::}, when the alias has exactly two parts. */
  static String namespace(String alias) {
    int i = alias.indexOf(ALIAS_SEPARATOR);
    if (i < 0 || alias.indexOf(ALIAS_SEPARATOR, i + ALIAS_SEPARATOR.length()) >= 0) {
      return null;
    }
    return alias.substring(0, i);
  }

  /** Go's {@code %T} of a value, for messages. */
  static String goType(Object v) {
    return GoFmt.typeName(v);
  }


}
