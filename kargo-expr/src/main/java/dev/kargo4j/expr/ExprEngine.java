package dev.kargo4j.expr;

import dev.kargo4j.expr.internal.ExprError;
import dev.kargo4j.expr.internal.Positions;
import dev.kargo4j.expr.internal.check.Checker;
import dev.kargo4j.expr.internal.eval.Compiler;
import dev.kargo4j.expr.internal.eval.Frame;
import dev.kargo4j.expr.internal.eval.GoRegex;
import dev.kargo4j.expr.internal.eval.Lib;
import dev.kargo4j.expr.internal.parse.Node;
import dev.kargo4j.expr.internal.parse.Parser;
import dev.kargo4j.expr.internal.template.TemplateFunctions;
import dev.kargo4j.expr.internal.template.TemplateProgram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The expression language of Kargo (expr-lang v1.17.8 compiled without a typed environment, so
 * an unknown name is nil) and Kargo's template renderer.
 *
 * <pre>{@code
 * ExprEngine engine = ExprEngine.builder().function("commitFrom", commitFrom).build();
 * Expression e = engine.compile("ctx.stage == 'prod' && len(vars.tags) > 0");
 * boolean ok = (Boolean) e.evaluate(Map.of("ctx", ctx, "vars", vars));
 * Object config = engine.renderTree(stepConfig, env);  // evaluates ${{ }} in string values
 * }</pre>
 *
 * <p>An engine is immutable and thread-safe. It keeps a bounded cache of compiled expressions
 * and templates, so {@link #evaluate} and {@link #render} compile each text once. Every failure
 * is an {@link ExpressionException}.
 */
public final class ExprEngine {
  private static final int CACHE_LIMIT = 4096;
  private static final List<String> FORBIDDEN_ENV_KEYS = List.of("quote", "asYAML", "asJSON");

  private final Map<String, ExprFunction> functions;
  private final Map<String, Integer> arities;
  private final Map<String, ExprFunction> builtins;
  private final EvalLimits limits;
  private final Map<String, Expression> expressions = new ConcurrentHashMap<>();
  private final Map<String, CompiledTemplate> templates = new ConcurrentHashMap<>();

  private ExprEngine(Builder b) {
    this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(b.functions));
    this.arities = Collections.unmodifiableMap(new HashMap<>(b.arities));
    this.limits = b.limits;
    this.builtins = b.clock == null ? Lib.functions() : Lib.functions(b.clock);
  }

  /** An engine with the builtins, the template functions and the default limits. */
  public static ExprEngine standard() {
    return STANDARD;
  }

  private static final ExprEngine STANDARD = builder().build();

  /** A builder that starts with the template functions and the default limits. */
  public static Builder builder() {
    return new Builder();
  }

  /** The limits this engine compiles and evaluates under. */
  public EvalLimits limits() {
    return limits;
  }

  /**
   * Compiles an expression.
   *
   * @param source the expression text, never {@code null}
   * @return the compiled expression, immutable and thread-safe (the engine caches it, so
   *     compiling the same text again is cheap)
   * @throws ExpressionException on lexical, syntax and compile-time type errors, or when the text
   *     exceeds the limits
   */
  public Expression compile(String source) {
    Objects.requireNonNull(source, "source");
    Expression cached = expressions.get(source);
    if (cached != null) {
      return cached;
    }
    Expression e = compileUncached(source);
    if (expressions.size() >= CACHE_LIMIT) {
      expressions.clear();
    }
    expressions.put(source, e);
    return e;
  }

  private Expression compileUncached(String source) {
    try {
      return new CompiledExpression(source, program(source), limits);
    } catch (ExprError e) {
      throw Positions.toPublic(e, source, 0);
    } catch (StackOverflowError e) {
      throw new ExpressionException("expression is nested too deeply", source, 1, 1,
          "at most " + limits.maxNestingDepth() + " levels of nesting", null);
    }
  }

  Compiler.Program program(String source) {
    if (source.length() > limits.maxExpressionLength()) {
      throw new ExprError(0, "expression of " + source.length() + " chars exceeds the limit of "
          + limits.maxExpressionLength(), "an expression of at most "
          + limits.maxExpressionLength() + " chars");
    }
    Node node = Parser.parse(source, functions.keySet(), limits.maxNestingDepth());
    Checker.check(node, arities, GoRegex::compile);
    return Compiler.compile(node, functions, builtins, limits);
  }

  /**
   * Compiles a Kargo template: text with expressions in {@code ${{ }}}, {@code ${% %}} or
   * {@code $<< >>}.
   *
   * @throws ExpressionException when a delimiter is not closed or an expression does not compile
   */
  public Template compileTemplate(String text) {
    Objects.requireNonNull(text, "text");
    return cachedTemplate(text);
  }

  private CompiledTemplate compileTemplateUncached(String text) {
    try {
      if (text.length() > limits.maxStringLength()) {
        throw new ExprError(0, "template of " + text.length() + " chars exceeds the limit of "
            + limits.maxStringLength(), "a template of at most " + limits.maxStringLength()
            + " chars");
      }
      return new CompiledTemplate(this, TemplateProgram.compile(text, this::program));
    } catch (ExprError e) {
      throw Positions.toPublic(e, text, 0);
    } catch (StackOverflowError e) {
      throw new ExpressionException("expression is nested too deeply", text, 1, 1,
          "at most " + limits.maxNestingDepth() + " levels of nesting", null);
    }
  }

  /**
   * Compiles (once, then from the cache) and evaluates an expression.
   *
   * @throws ExpressionException for every failure
   */
  public Object evaluate(String source, Map<String, ?> env) {
    return compile(source).evaluate(env);
  }

  private CompiledTemplate cachedTemplate(String text) {
    CompiledTemplate t = templates.get(text);
    if (t == null) {
      t = compileTemplateUncached(text);
      if (templates.size() >= CACHE_LIMIT) {
        templates.clear();
      }
      templates.put(text, t);
    }
    return t;
  }

  /**
   * Renders one template string with Kargo's typing (see {@link Template#render}). A text
   * without delimiters is returned unchanged.
   *
   * @throws ExpressionException for every failure
   */
  public Object render(String templateText, Map<String, ?> env) {
    Objects.requireNonNull(templateText, "templateText");
    if (!TemplateProgram.hasDelimiter(templateText)) {
      return templateText;
    }
    return cachedTemplate(templateText).render(env);
  }

  /**
   * Renders every string value of a JSON-like tree (maps with string keys, lists, strings,
   * numbers, booleans, nulls), as Kargo's {@code EvaluateJSONTemplate} does: keys are never
   * evaluated, other values are kept, and a string without delimiters is returned untouched.
   * The whole tree shares one time budget.
   *
   * @param jsonLikeTree the tree; it is not modified
   * @param env the variables; the keys {@code quote}, {@code asYAML} and {@code asJSON} are
   *     reserved
   * @return a new tree
   * @throws ExpressionException for every failure, positioned in the failing string
   */
  public Object renderTree(Object jsonLikeTree, Map<String, ?> env) {
    Map<String, ?> e = env == null ? Map.of() : env;
    for (String k : FORBIDDEN_ENV_KEYS) {
      if (e.containsKey(k)) {
        throw new ExpressionException("\"" + k + "\" is a forbidden key in the environment map;"
            + " it is reserved for internal use", "", 1, 1,
            "an environment without the keys quote, asYAML and asJSON", null);
      }
    }
    Frame frame = new Frame(e, 0, limits);
    return walk(jsonLikeTree, frame, 0);
  }

  private Object walk(Object node, Frame frame, int depth) {
    if (depth > limits.maxNestingDepth() * 8) {
      throw new ExpressionException("template tree is nested too deeply", "", 1, 1,
          "a tree nested at most " + limits.maxNestingDepth() * 8 + " levels deep", null);
    }
    if (node instanceof String s) {
      if (!TemplateProgram.hasDelimiter(s)) {
        return s;
      }
      return cachedTemplate(s).render(frame);
    }
    if (node instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>(Math.max(16, m.size() * 2));
      for (Map.Entry<?, ?> en : m.entrySet()) {
        out.put(en.getKey(), walk(en.getValue(), frame, depth + 1));
      }
      return out;
    }
    if (node instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object item : l) {
        out.add(walk(item, frame, depth + 1));
      }
      return out;
    }
    return node;
  }

  /** Builds an {@link ExprEngine}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, ExprFunction> functions = new LinkedHashMap<>();
    private final Map<String, Integer> arities = new HashMap<>();
    private EvalLimits limits = EvalLimits.defaults();
    private java.time.Clock clock;

    private Builder() {
      TemplateFunctions.all().forEach((name, f) -> {
        functions.put(name, f);
        arities.put(name, 1);
      });
    }

    /**
     * Registers a host function. A function named like a builtin replaces it, as expr's
     * {@code expr.Function} option does; the last registration of a name wins.
     *
     * @param name the name expressions call it by
     * @param f the function
     * @return this builder
     */
    public Builder function(String name, ExprFunction f) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(f, "f");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("function name must not be empty");
      }
      functions.put(name, f);
      arities.put(name, -1);
      return this;
    }

    /** Sets the limits (default {@link EvalLimits#defaults()}). */
    public Builder limits(EvalLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Sets the clock {@code now()} reads (default: the system clock, in UTC). */
    public Builder clock(java.time.Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the engine. */
    public ExprEngine build() {
      return new ExprEngine(this);
    }
  }
}
