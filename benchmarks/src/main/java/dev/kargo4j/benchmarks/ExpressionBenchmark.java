package dev.kargo4j.benchmarks;

import dev.kargo4j.expr.ExprEngine;
import dev.kargo4j.expr.ExprObject;
import dev.kargo4j.expr.Expression;
import dev.kargo4j.expr.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.JxltEngine;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Five Kargo-typical expressions, evaluated by kargo4j's expr-lang and, side by side in the
 * same run, by Apache Commons JEXL 3 evaluating the equivalent expressions over the same data.
 * Two modes: precompiled evaluation ({@code *Precompiled}), and compile plus evaluation
 * ({@code *CompileAndEvaluate}).
 *
 * <p>Fairness: both engines evaluate the same Java maps and lists; JEXL reaches the host
 * function and the predicate helpers through a namespace of plain Java methods, as a host would
 * register them. For compile plus evaluation, each call compiles a text neither engine has seen
 * recently: both sides cycle through the same {@value #VARIANTS} variants of the source that
 * differ only in a trailing comment, more than kargo4j's compile cache holds (4096), and JEXL
 * runs with its parse cache off. Setup checks that both engines give the same result for every
 * expression and variant shape.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ExpressionBenchmark</pre>
 *
 * <p>Not thread-safe: JMH gives each benchmark thread its own instance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExpressionBenchmark {
  /** How many distinct source texts the compile benchmarks cycle through. */
  static final int VARIANTS = 8192;

  /** Which of the five expressions. */
  @Param({"hostFunction", "boolean", "taskOutputs", "pipeline", "template"})
  public String expression;

  /**
   * kargo4j source, JEXL equivalent. A template's {@code %s} is where the per-variant comment
   * goes (inside the first embedded expression); an expression's comment is appended.
   */
  private static final Map<String, String[]> SOURCES = Map.of(
      // a member chain through a host function
      "hostFunction", new String[] {"imageFrom('ghcr.io/akuity/guestbook').Tag",
          "k:imageFrom('ghcr.io/akuity/guestbook').tag"},
      // a boolean over ctx and vars
      "boolean", new String[] {"ctx.stage == 'prod-east' && vars.enabled || vars.replicas > 3",
          "ctx.stage == 'prod-east' && vars.enabled || vars.replicas > 3"},
      // a task output, as Kargo's PromotionTasks read them
      "taskOutputs", new String[] {"task.outputs['update-image'].commitMessage",
          "task.outputs['update-image'].commitMessage"},
      // a predicate pipeline
      "pipeline", new String[] {"vars.tags | filter(# startsWith 'v1.') | map(upper(#)) | join(',')",
          "k:join(k:map(k:filter(vars.tags, t -> t =^ 'v1.'), t -> t.toUpperCase()), ',')"},
      // a two-expression template
      "template", new String[] {"${{ ctx.stage%s }}/${{ vars.replicas }}",
          "${ctx.stage%s}/${vars.replicas}"});

  private ExprEngine kargo;
  private Map<String, Object> env;
  private Expression compiled;
  private Template compiledTemplate;

  private JexlContext jexlContext;
  private JexlExpression jexlCompiled;
  private JxltEngine.Expression jexlTemplate;
  private JexlEngine jexlNoCache;
  private JxltEngine jxltNoCache;

  private boolean isTemplate;
  private String[] kargoVariants;
  private String[] jexlVariants;
  private int next;

  /** The image the host function returns, as kargo4j sees it and as JEXL sees it. */
  public static final class Image implements ExprObject {
    private final String tag;

    Image(String tag) {
      this.tag = tag;
    }

    /** The tag, for JEXL's bean introspection. */
    public String getTag() {
      return tag;
    }

    @Override
    public Object member(String name) {
      return "Tag".equals(name) ? tag : NO_SUCH_MEMBER;
    }
  }

  /** JEXL's namespace with the same helper functions kargo4j has built in or registered. */
  public static final class JexlFunctions {
    private final Image image;

    JexlFunctions(Image image) {
      this.image = image;
    }

    /** The host function. */
    public Image imageFrom(String url) {
      return image;
    }

    /** expr's {@code filter}. */
    public List<Object> filter(List<?> values, JexlScript pred) {
      List<Object> out = new ArrayList<>();
      for (Object v : values) {
        if (Boolean.TRUE.equals(pred.execute(null, v))) {
          out.add(v);
        }
      }
      return out;
    }

    /** expr's {@code map}. */
    public List<Object> map(List<?> values, JexlScript f) {
      List<Object> out = new ArrayList<>(values.size());
      for (Object v : values) {
        out.add(f.execute(null, v));
      }
      return out;
    }

    /** expr's {@code join}. */
    public String join(List<?> values, String sep) {
      StringJoiner j = new StringJoiner(sep);
      values.forEach(v -> j.add(String.valueOf(v)));
      return j.toString();
    }
  }

  /** Builds both engines, compiles the expression on both and checks they agree. */
  @Setup
  public void setUp() {
    Image image = new Image("1.27.3");
    kargo = ExprEngine.builder().function("imageFrom", args -> image).build();

    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("project", "kargo-advanced");
    ctx.put("stage", "prod-east");
    ctx.put("promotion", "prod-east.01jc4.abcdef0");
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("enabled", Boolean.TRUE);
    vars.put("replicas", 4L);
    vars.put("tags", List.of("v1.0.0", "v1.1.0", "v2.0.0", "v1.2.0", "v0.9.0"));
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("update-image", Map.of("commitMessage", "Updated ./src/env/dev to use new image"));
    env = new LinkedHashMap<>();
    env.put("ctx", ctx);
    env.put("vars", vars);
    env.put("task", Map.of("outputs", outputs));

    JexlEngine jexl = jexl(image, 512);
    jexlNoCache = jexl(image, 0);
    jxltNoCache = jexlNoCache.createJxltEngine(true, 0, '$', '#');
    jexlContext = new MapContext(new LinkedHashMap<>(env));

    String[] src = SOURCES.get(expression);
    isTemplate = "template".equals(expression);
    kargoVariants = new String[VARIANTS];
    jexlVariants = new String[VARIANTS];
    for (int i = 0; i < VARIANTS; i++) {
      kargoVariants[i] = variant(src[0], i);
      jexlVariants[i] = variant(src[1], i);
    }
    if (isTemplate) {
      compiledTemplate = kargo.compileTemplate(src[0].formatted(""));
      jexlTemplate = jexl.createJxltEngine().createExpression(src[1].formatted(""));
    } else {
      compiled = kargo.compile(src[0]);
      jexlCompiled = jexl.createExpression(src[1]);
    }
    String expected = expected();
    check("kargo4jPrecompiled", kargo4jPrecompiled(), expected);
    check("jexlPrecompiled", jexlPrecompiled(), expected);
    check("kargo4jCompileAndEvaluate", kargo4jCompileAndEvaluate(), expected);
    check("jexlCompileAndEvaluate", jexlCompileAndEvaluate(), expected);
  }

  private static JexlEngine jexl(Image image, int cacheSize) {
    return new JexlBuilder()
        .namespaces(Map.of("k", new JexlFunctions(image)))
        .permissions(JexlPermissions.UNRESTRICTED)
        .cache(cacheSize)
        .strict(false)
        .silent(false)
        .create();
  }

  private String variant(String source, int i) {
    String comment = " /*" + i + "*/";
    return isTemplate ? source.formatted(comment) : source + comment;
  }

  private String expected() {
    return switch (expression) {
      case "hostFunction" -> "1.27.3";
      case "boolean" -> "true";
      case "taskOutputs" -> "Updated ./src/env/dev to use new image";
      case "pipeline" -> "V1.0.0,V1.1.0,V1.2.0";
      case "template" -> "prod-east/4";
      default -> throw new IllegalStateException("unknown expression " + expression);
    };
  }

  private void check(String benchmark, Object actual, String expected) {
    if (!expected.equals(String.valueOf(actual))) {
      throw new IllegalStateException(expression + ": " + benchmark + " gave " + actual
          + ", expected " + expected);
    }
  }

  private int nextVariant() {
    int i = next;
    next = i + 1 == VARIANTS ? 0 : i + 1;
    return i;
  }

  /** kargo4j, evaluating the expression compiled in setup. */
  @Benchmark
  public Object kargo4jPrecompiled() {
    return isTemplate ? compiledTemplate.render(env) : compiled.evaluate(env);
  }

  /** JEXL, evaluating the expression compiled in setup. */
  @Benchmark
  public Object jexlPrecompiled() {
    return isTemplate ? jexlTemplate.evaluate(jexlContext) : jexlCompiled.evaluate(jexlContext);
  }

  /** kargo4j, compiling a text missing from its cache, then evaluating it. */
  @Benchmark
  public Object kargo4jCompileAndEvaluate() {
    String src = kargoVariants[nextVariant()];
    return isTemplate ? kargo.compileTemplate(src).render(env) : kargo.compile(src).evaluate(env);
  }

  /** JEXL (parse cache off), compiling a text, then evaluating it. */
  @Benchmark
  public Object jexlCompileAndEvaluate() {
    String src = jexlVariants[nextVariant()];
    return isTemplate
        ? jxltNoCache.createExpression(src).evaluate(jexlContext)
        : jexlNoCache.createExpression(src).evaluate(jexlContext);
  }
}
