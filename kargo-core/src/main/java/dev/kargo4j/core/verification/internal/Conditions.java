package dev.kargo4j.core.verification.internal;

import dev.kargo4j.core.spi.MetricMeasurement.Phase;
import dev.kargo4j.expr.ExprEngine;
import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExpressionException;
import dev.kargo4j.expr.go.GoFmt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo Rollouts' {@code evaluate.EvaluateResult}: a metric's {@code successCondition} and
 * {@code failureCondition} evaluated as expr-lang over {@code result} with the helper functions
 * {@code asInt}, {@code asFloat}, {@code isNaN}, {@code isInf}, {@code isNil} and
 * {@code default}. Thread-safe.
 */
final class Conditions {
  private final ExprEngine expressions;

  Conditions(ExprEngine expressions) {
    this.expressions = expressions;
  }

  /** The measurement's phase for {@code result}. */
  Phase evaluate(Object result, String successCondition, String failureCondition) throws ConditionException {
    boolean success = false;
    boolean failure = false;
    if (!successCondition.isEmpty()) {
      success = condition(result, "successCondition", successCondition);
    }
    if (!failureCondition.isEmpty()) {
      failure = condition(result, "failureCondition", failureCondition);
    }
    if (successCondition.isEmpty() && failureCondition.isEmpty()) {
      return Phase.SUCCESSFUL;
    } else if (failureCondition.isEmpty()) {
      failure = !success;
    } else if (successCondition.isEmpty()) {
      success = !failure;
    }
    if (failure) {
      return Phase.FAILED;
    }
    if (!success) {
      return Phase.INCONCLUSIVE;
    }
    return Phase.SUCCESSFUL;
  }

  private boolean condition(Object result, String which, String expression) throws ConditionException {
    Object out;
    try {
      out = expressions.evaluate(expression, env(result));
    } catch (ExpressionException | IllegalArgumentException | ArithmeticException e) {
      throw failed(which, expression, result, e.getMessage());
    }
    if (out instanceof Boolean b) {
      return b;
    }
    throw failed(which, expression, result, "expected bool, but got " + GoFmt.typeName(out));
  }

  private static ConditionException failed(String which, String expression, Object result, String why) {
    if (result == null || (result instanceof List<?> l && l.isEmpty())) {
      return new ConditionException("could not evaluate " + which + " \"" + expression
          + "\": metric result is nil or empty: no data returned from the metric provider");
    }
    return new ConditionException("could not evaluate " + which + " \"" + expression + "\": " + why);
  }

  private static Map<String, Object> env(Object result) {
    Map<String, Object> env = new HashMap<>();
    env.put("result", result);
    env.put("asInt", (ExprFunction) args -> asInt(one(args, "asInt")));
    env.put("asFloat", (ExprFunction) args -> asFloat(one(args, "asFloat")));
    env.put("isNaN", (ExprFunction) args -> Double.isNaN(asFloat(one(args, "isNaN"))));
    env.put("isInf", (ExprFunction) args -> Double.isInfinite(asFloat(one(args, "isInf"))));
    env.put("isNil", (ExprFunction) args -> result == null);
    env.put("default", (ExprFunction) args -> {
      if (args.size() != 2) {
        throw new IllegalArgumentException("invalid number of arguments (expected 2, got " + args.size() + ")");
      }
      return result == null ? args.get(1) : result;
    });
    return env;
  }

  private static Object one(List<Object> args, String fn) {
    if (args.size() != 1) {
      throw new IllegalArgumentException("invalid number of arguments for " + fn + " (expected 1, got "
          + args.size() + ")");
    }
    return args.get(0);
  }

  static long asInt(Object in) {
    if (in instanceof Number n) {
      return n.longValue();
    }
    if (in instanceof String s) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("strconv.ParseInt: parsing \"" + s + "\": invalid syntax");
      }
    }
    throw new IllegalArgumentException("asInt() not supported on " + GoFmt.typeName(in) + " " + GoFmt.formatV(in));
  }

  static double asFloat(Object in) {
    if (in instanceof Number n) {
      return n.doubleValue();
    }
    if (in instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + s + "\": invalid syntax");
      }
    }
    throw new IllegalArgumentException("asFloat() not supported on " + GoFmt.typeName(in) + " " + GoFmt.formatV(in));
  }
}
