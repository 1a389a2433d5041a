package dev.kargo4j.core.steps.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.expr.ExprEngine;
import dev.kargo4j.expr.Expression;
import dev.kargo4j.expr.ExpressionException;
import dev.kargo4j.expr.go.GoStrconv;
import java.util.Map;

/**
 * Raw expressions in step configs (Kargo's {@code fromExpression}, {@code successExpression},
 * ...), evaluated with the standard expr engine. A compile error is a config error (terminal)
 * naming the field; an evaluation error is a plain, retryable {@link KargoException}.
 * Thread-safe.
 */
public final class Expressions {
  private Expressions() {}

  /** Compiles {@code source} from config field {@code field}. */
  public static Expression compile(String source, String field) {
    try {
      return ExprEngine.standard().compile(source);
    } catch (ExpressionException e) {
      throw new InvalidConfigException(field + ": " + e.getMessage(), e);
    }
  }

  /** Evaluates {@code e} against {@code env}; {@code what} names it in the error. */
  public static Object evaluate(Expression e, Map<String, ?> env, String what) {
    try {
      return e.evaluate(env);
    } catch (ExpressionException ex) {
      throw new KargoException("error evaluating " + what + " " + GoStrconv.quote(e.source()) + ": "
          + ex.getMessage(), ex);
    }
  }
}
