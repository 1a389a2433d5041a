package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.str;

import dev.kargo4j.core.model.internal.JsonTrees;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One promotion step, as written in a manifest ({@link #uses()} a step kind, or a
 * {@link #task()}), with its alias {@code as}, its {@code if} expression ({@link
 * #ifExpression()}), {@code continueOnError}, {@code retry} (null when absent), step
 * {@code vars} and {@code config} (a JSON-like object; empty when absent, which Kargo treats
 * as {@code {}}).
 *
 * <p>Exactly one of {@code uses} and {@code task} is set. A step that references a task may
 * not set {@code continueOnError}, {@code retry}, {@code if} or {@code config}.
 *
 * <p>Immutable and thread-safe.
 */
public record PromotionStep(
    String uses,
    PromotionTaskReference task,
    String as,
    String ifExpression,
    boolean continueOnError,
    PromotionStepRetry retry,
    List<ExpressionVariable> vars,
    Map<String, Object> config) {

  /** Kargo reserves these aliases for generated ones: {@code ^(step|task)-\d+$}. */
  public static final Pattern RESERVED_ALIAS = Pattern.compile("^(step|task)-\\d+$");

  /** Validates and copies. */
  public PromotionStep {
    uses = str(uses);
    as = str(as);
    ifExpression = str(ifExpression);
    vars = list("vars", vars);
    config = JsonTrees.object("config", config);
    if (uses.isEmpty() == (task == null)) {
      throw new InvalidModelException(
          "", "a step must have exactly one of uses or task set");
    }
    if (task != null) {
      if (continueOnError) {
        throw new InvalidModelException(
            "continueOnError", "a step referencing a task cannot set continueOnError");
      }
      if (retry != null) {
        throw new InvalidModelException("retry", "a step referencing a task cannot set retry");
      }
      if (!config.isEmpty()) {
        throw new InvalidModelException("config", "a step referencing a task cannot have a config");
      }
    }
  }

  /** A step running {@code kind} with {@code config}. */
  public static PromotionStep uses(String kind, Map<String, Object> config) {
    return new PromotionStep(kind, null, "", "", false, null, List.of(), config);
  }

  /** A step running the PromotionTask {@code name}. */
  public static PromotionStep task(String name) {
    return new PromotionStep(
        "", new PromotionTaskReference(name, null), "", "", false, null, List.of(), Map.of());
  }

  /**
   * Kargo's {@code GetAlias}: {@code as} when set, else {@code task-<i+1>} for a task step or
   * {@code step-<i+1>}.
   *
   * @param index the 0-based position of the step
   */
  public String alias(int index) {
    if (!as.isEmpty()) {
      return as;
    }
    return (task != null ? "task-" : "step-") + (index + 1);
  }

  /** A copy with another alias. */
  public PromotionStep withAs(String newAs) {
    return new PromotionStep(uses, task, newAs, ifExpression, continueOnError, retry, vars, config);
  }

  /** A copy with another {@code if} expression. */
  public PromotionStep withIfExpression(String newIf) {
    return new PromotionStep(uses, task, as, newIf, continueOnError, retry, vars, config);
  }

  /** A copy with other step variables. */
  public PromotionStep withVars(List<ExpressionVariable> newVars) {
    return new PromotionStep(uses, task, as, ifExpression, continueOnError, retry, newVars, config);
  }

  /** A copy with another config. */
  public PromotionStep withConfig(Map<String, Object> newConfig) {
    return new PromotionStep(uses, task, as, ifExpression, continueOnError, retry, vars, newConfig);
  }

  /** A copy with another continueOnError flag. */
  public PromotionStep withContinueOnError(boolean flag) {
    return new PromotionStep(uses, task, as, ifExpression, flag, retry, vars, config);
  }

  /** A copy with another retry policy. */
  public PromotionStep withRetry(PromotionStepRetry newRetry) {
    return new PromotionStep(uses, task, as, ifExpression, continueOnError, newRetry, vars, config);
  }

  /**
   * Kargo's step-list validation for Stage templates and (Cluster)PromotionTasks: aliases
   * (trimmed) must be unique and must not match {@link #RESERVED_ALIAS}; task steps are allowed
   * only when {@code allowTasks}.
   *
   * @throws InvalidModelException naming {@code [i].as} or {@code [i].task}
   */
  public static void validateAliases(List<PromotionStep> steps, boolean allowTasks) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      PromotionStep step = steps.get(i);
      if (!allowTasks && step.task() != null) {
        throw new InvalidModelException(
            "[" + i + "].task", "steps here must have uses set and must not reference a task");
      }
      String alias = step.as().strip();
      if (alias.isEmpty()) {
        continue;
      }
      Integer previous = seen.putIfAbsent(alias, i);
      if (previous != null) {
        throw new InvalidModelException(
            "[" + i + "].as",
            "step alias \"" + alias + "\" duplicates that of steps[" + previous + "]");
      }
      if (RESERVED_ALIAS.matcher(alias).matches()) {
        throw new InvalidModelException(
            "[" + i + "].as",
            "step alias \"" + alias + "\" is reserved; aliases matching ^(step|task)-\\d+$ are"
                + " generated by Kargo");
      }
    }
  }
}
