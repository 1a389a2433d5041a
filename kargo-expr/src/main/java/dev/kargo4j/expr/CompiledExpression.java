package dev.kargo4j.expr;

import dev.kargo4j.expr.internal.ExprError;
import dev.kargo4j.expr.internal.Positions;
import dev.kargo4j.expr.internal.eval.Compiler;
import dev.kargo4j.expr.internal.eval.Frame;
import java.util.Map;

/** An {@link Expression} backed by a compiled node tree. Immutable and thread-safe. */
final class CompiledExpression implements Expression {
  private final String source;
  private final Compiler.Program program;
  private final EvalLimits limits;

  CompiledExpression(String source, Compiler.Program program, EvalLimits limits) {
    this.source = source;
    this.program = program;
    this.limits = limits;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public Object evaluate(Map<String, ?> env) {
    Frame f = new Frame(env == null ? Map.of() : env, program.slots(), limits);
    try {
      return program.run(f);
    } catch (ExprError e) {
      throw Positions.toPublic(e, source, 0);
    } catch (StackOverflowError e) {
      throw new ExpressionException("evaluation is nested too deeply", source, 1, 1,
          "a less deeply nested expression or value", null);
    } catch (ExpressionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ExpressionException("internal error: " + e, source, 1, 1,
          "a value the operation accepts", e);
    }
  }

  @Override
  public String toString() {
    return "Expression[" + source + "]";
  }
}
