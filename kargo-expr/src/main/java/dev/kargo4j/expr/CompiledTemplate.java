package dev.kargo4j.expr;

import dev.kargo4j.expr.internal.ExprError;
import dev.kargo4j.expr.internal.Positions;
import dev.kargo4j.expr.internal.eval.Frame;
import dev.kargo4j.expr.internal.template.TemplateProgram;
import java.util.Map;

/** A {@link Template} backed by a {@link TemplateProgram}. Immutable and thread-safe. */
final class CompiledTemplate implements Template {
  private final ExprEngine engine;
  private final TemplateProgram program;

  CompiledTemplate(ExprEngine engine, TemplateProgram program) {
    this.engine = engine;
    this.program = program;
  }

  @Override
  public String text() {
    return program.text();
  }

  @Override
  public boolean hasExpressions() {
    return program.hasExpressions();
  }

  @Override
  public Object render(Map<String, ?> env) {
    if (!program.hasExpressions()) {
      return program.text();
    }
    Frame f = new Frame(env == null ? Map.of() : env, program.slots(), engine.limits());
    return render(f);
  }

  Object render(Frame f) {
    try {
      return program.render(f, engine.limits().maxStringLength());
    } catch (ExprError e) {
      throw Positions.toPublic(e, program.text(), 0);
    } catch (StackOverflowError e) {
      throw new ExpressionException("evaluation is nested too deeply", program.text(), 1, 1,
          "a less deeply nested expression or value", null);
    } catch (ExpressionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ExpressionException("internal error: " + e, program.text(), 1, 1,
          "a value the operation accepts", e);
    }
  }

  @Override
  public String toString() {
    return "Template[" + program.text() + "]";
  }
}
