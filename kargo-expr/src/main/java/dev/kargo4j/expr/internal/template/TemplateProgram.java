package dev.kargo4j.expr.internal.template;

import dev.kargo4j.expr.internal.ExprError;
import dev.kargo4j.expr.internal.TextBudget;
import dev.kargo4j.expr.internal.eval.Compiler.Program;
import dev.kargo4j.expr.internal.eval.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A template text split into literal text and compiled expressions. The earliest opening
 * delimiter wins and the first matching closing delimiter ends the expression (no nesting, no
 * escaping), as in Kargo's {@code nextExpression}. Immutable and thread-safe.
 */
public final class TemplateProgram {
  private static final String[][] DELIMITERS = {{"${{", "}}"}, {"${%", "%}"}, {"$<<", ">>"}};

  private final String text;
  private final String[] literals; // one more than programs
  private final Program[] programs;
  private final int[] offsets;
  private final int slots;

  private TemplateProgram(String text, String[] literals, Program[] programs, int[] offsets) {
    this.text = text;
    this.literals = literals;
    this.programs = programs;
    this.offsets = offsets;
    int max = 0;
    for (Program p : programs) {
      max = Math.max(max, p.slots());
    }
    this.slots = max;
  }

  /** Whether {@code text} contains an opening delimiter. */
  public static boolean hasDelimiter(String text) {
    if (text.indexOf('$') < 0) {
      return false;
    }
    for (String[] d : DELIMITERS) {
      if (text.contains(d[0])) {
        return true;
      }
    }
    return false;
  }

  /**
   * Splits and compiles {@code text}.
   *
   * @param compiler compiles one expression; its errors are positioned within the expression
   * @throws ExprError positioned within {@code text}
   */
  public static TemplateProgram compile(String text, Function<String, Program> compiler) {
    List<String> literals = new ArrayList<>();
    List<Program> programs = new ArrayList<>();
    List<Integer> offsets = new ArrayList<>();
    int at = 0;
    while (true) {
      int start = -1;
      String[] delim = null;
      for (String[] d : DELIMITERS) {
        int i = text.indexOf(d[0], at);
        if (i >= 0 && (start < 0 || i < start)) {
          start = i;
          delim = d;
        }
      }
      if (delim == null) {
        literals.add(text.substring(at));
        break;
      }
      int exprStart = start + delim[0].length();
      int end = text.indexOf(delim[1], exprStart);
      if (end < 0) {
        throw new ExprError(start, "unclosed expression: expected \"" + delim[1]
            + "\" but reached end of template", "\"" + delim[1] + "\" closing the expression");
      }
      literals.add(text.substring(at, start));
      String expression = text.substring(exprStart, end);
      try {
        programs.add(compiler.apply(expression));
      } catch (ExprError e) {
        int p = e.pos() < 0 ? exprStart : exprStart + e.pos();
        throw new ExprError(p, e.getMessage(), e.expected(), e.getCause());
      }
      offsets.add(exprStart);
      at = end + delim[1].length();
    }
    int[] offs = new int[offsets.size()];
    for (int i = 0; i < offs.length; i++) {
      offs[i] = offsets.get(i);
    }
    return new TemplateProgram(text, literals.toArray(new String[0]),
        programs.toArray(new Program[0]), offs);
  }

  /** The template text. */
  public String text() {
    return text;
  }

  /** Whether there is at least one expression. */
  public boolean hasExpressions() {
    return programs.length > 0;
  }

  /** Frame slots the expressions need. */
  public int slots() {
    return slots;
  }

  /**
   * Renders and types the text.
   *
   * @throws ExprError positioned within the template text
   */
  public Object render(Frame f, int maxString) {
    if (programs.length == 0) {
      return text;
    }
    f.ensureSlots(slots);
    StringBuilder sb = new StringBuilder(text.length() + 32);
    for (int i = 0; i < programs.length; i++) {
      sb.append(literals[i]);
      Object v;
      try {
        v = programs[i].run(f);
        if (v instanceof String s) {
          sb.append(s);
        } else if (v instanceof Long || v instanceof Boolean) {
          sb.append(v);
        } else if (v == null) {
          sb.append("null");
        } else {
          long previous = TextBudget.enter(Math.max(0, maxString - sb.length()));
          try {
            sb.append(JsonValues.marshal(v));
          } finally {
            TextBudget.exit(previous);
          }
        }
      } catch (ExprError e) {
        int p = e.pos() < 0 ? offsets[i] : offsets[i] + e.pos();
        throw new ExprError(p, e.getMessage(), e.expected(), e.getCause());
      }
      if (sb.length() > maxString) {
        throw new ExprError(offsets[i], "rendered text of " + sb.length()
            + " chars exceeds the limit of " + maxString, "a text of at most " + maxString
            + " chars");
      }
    }
    sb.append(literals[programs.length]);
    try {
      return Coercion.coerce(sb.toString());
    } catch (ExprError e) {
      throw new ExprError(offsets[0] - 3 < 0 ? 0 : offsets[0] - 3, e.getMessage(),
          e.expected());
    }
  }
}
