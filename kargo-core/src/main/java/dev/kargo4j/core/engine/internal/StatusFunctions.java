package dev.kargo4j.core.engine.internal;

import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.expr.ExprFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kargo's status functions for a step's {@code if} and config: {@code success()},
 * {@code failure()}, {@code always()} and {@code status(alias)}, the last resolving the alias
 * inside the caller's task namespace first.
 */
final class StatusFunctions {
  private StatusFunctions() {}

  static Map<String, ExprFunction> of(String callerAlias, RunState run) {
    Map<String, ExprFunction> fns = new LinkedHashMap<>();
    fns.put("success", args -> {
      arity("success", args, 0);
      return !run.hasFailures();
    });
    fns.put("failure", args -> {
      arity("failure", args, 0);
      return run.hasFailures();
    });
    fns.put("always", args -> {
      arity("always", args, 0);
      return true;
    });
    fns.put("status", args -> {
      arity("status", args, 1);
      if (!(args.get(0) instanceof String alias)) {
        throw new IllegalArgumentException("argument must be string, got " + StepEvaluator.goType(args.get(0)));
      }
      if (alias.isEmpty()) {
        throw new IllegalArgumentException("argument must not be empty");
      }
      String ns = StepEvaluator.namespace(callerAlias);
      String qualified = ns == null ? alias : ns + StepEvaluator.ALIAS_SEPARATOR + alias;
      for (StepExecutionMetadata m : run.metas()) {
        if (m.alias().equals(qualified)) {
          return m.status() == null ? "" : m.status().wireName();
        }
      }
      return "";
    });
    return fns;
  }

  private static void arity(String name, List<Object> args, int n) {
    if (args.size() != n) {
      throw new IllegalArgumentException("expected " + n + " argument" + (n == 1 ? "" : "s")
          + ", got " + args.size());
    }
  }
}
