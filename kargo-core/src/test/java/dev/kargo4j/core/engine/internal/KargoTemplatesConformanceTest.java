package dev.kargo4j.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.conformance.ConformanceVectors;
import dev.kargo4j.core.discovery.Artifacts;
import dev.kargo4j.core.discovery.internal.DiscoveredFunctions;
import dev.kargo4j.core.engine.ProjectData;
import dev.kargo4j.core.engine.StatusData;
import dev.kargo4j.core.model.ArtifactReference;
import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.ChartSubscription;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightReference;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.FreightSources;
import dev.kargo4j.core.model.GenericSubscription;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.GitSubscription;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.WarehouseSpec;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.ExpressionVariable;
import dev.kargo4j.core.spi.TargetFreight;
import dev.kargo4j.expr.ExprEngine;
import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code vars}, {@code ifConditions}, {@code functions} and {@code semverExpressions}
 * sections of {@code expr/kargo-templates.json}, run through the engine's step evaluator and
 * Kargo functions; the {@code @discovered} function variants through Warehouse discovery's.
 */
class KargoTemplatesConformanceTest {
  private static final String FILE = "expr/kargo-templates.json";
  private static final ExprEngine EXPR = ExprEngine.standard();

  @Test
  void vars() throws Exception {
    ConformanceVectors.load(FILE).run("vars", c -> {
      StepEvaluator evaluator = evaluator(c);
      RunState run = new RunState(0, List.of(), map(c.get("outputs")));
      PromotionStep step = step(c, null);
      if (Boolean.TRUE.equals(c.get("error"))) {
        assertThatThrownBy(() -> evaluator.vars(step, run)).isInstanceOf(RuntimeException.class);
        return;
      }
      assertThat(json(evaluator.vars(step, run))).isEqualTo(json(c.get("expectVars")));
    });
  }

  @Test
  void ifConditions() throws Exception {
    ConformanceVectors.load(FILE).run("ifConditions", c -> {
      Map<String, Object> env = map(c.get("env"));
      Map<String, Object> cc = new LinkedHashMap<>(c);
      if (env.get("ctx") != null) {
        cc.putIfAbsent("ctx", env.get("ctx"));
      }
      if (!map(env.get("vars")).isEmpty() && c.get("promotionVars") == null) {
        // vars given as the evaluated environment: literal strings render to themselves
        List<Object> given = new ArrayList<>();
        map(env.get("vars")).forEach((k, v) -> given.add(Map.of("name", k, "value", String.valueOf(v))));
        cc.put("promotionVars", given);
      }
      StepEvaluator evaluator = evaluator(cc);
      RunState run = new RunState(0, metas(c.get("stepExecutionMetadata")), map(env.get("outputs")));
      if (env.get("task") != null && c.get("stepAlias") == null) {
        // the case gives task outputs directly: the step is one of that task's
        String key = map(env.get("outputs")).keySet().stream().filter(k -> k.contains("::")).findFirst().orElse("task::x");
        cc.put("stepAlias", key.substring(0, key.indexOf("::")) + "::this-step");
      }
      PromotionStep step = step(cc, (String) c.get("if"));
      if (Boolean.TRUE.equals(c.get("error"))) {
        assertThatThrownBy(() -> evaluator.shouldSkip(step, run))
            .hasMessageContaining(String.valueOf(c.getOrDefault("errorContains", "")));
        return;
      }
      assertThat(evaluator.shouldSkip(step, run)).isEqualTo(c.get("expectSkip"));
    });
  }

  @Test
  void functions() throws Exception {
    ConformanceVectors.load(FILE).run("functions", c -> {
      String function = (String) c.get("function");
      Map<String, Object> ctx = map(c.get("context"));
      ExprFunction f = function.endsWith("@discovered")
          // freightCreationCriteria's variants, over a Warehouse's discovered artifacts
          ? DiscoveredFunctions.of(Artifacts.fromJson(ctx.get("discoveredArtifacts") == null ? null
              : map(ctx.get("discoveredArtifacts")))).get(function.substring(0, function.indexOf('@')))
          : functionsFor(function, ctx).get(function);
      assertThat(f).as("function %s", function).isNotNull();
      List<Object> args = new ArrayList<>();
      for (Object a : list(c.get("args"))) {
        args.add(a instanceof Integer i ? Long.valueOf(i) : arg(a));
      }
      if (Boolean.TRUE.equals(c.get("error"))) {
        assertThatThrownBy(() -> f.call(args))
            .hasMessageContaining(String.valueOf(c.getOrDefault("errorContains", "")));
        return;
      }
      Object result = f.call(args);
      if (Boolean.TRUE.equals(c.get("expectNil"))) {
        assertThat(result).isNull();
      } else if (c.containsKey("expectFields")) {
        assertThat(result).isNotNull();
        for (Map.Entry<String, Object> e : map(c.get("expectFields")).entrySet()) {
          assertThat(field(result, e.getKey())).as("field %s", e.getKey()).isEqualTo(e.getValue());
        }
      } else {
        assertThat(json(result)).isEqualTo(json(c.get("expect")));
      }
    });
  }

  @Test
  void semverExpressions() throws Exception {
    ConformanceVectors.load(FILE).run("semverExpressions", c -> {
      Map<String, Object> env = new LinkedHashMap<>(KargoFunctions.utilities());
      if (Boolean.TRUE.equals(c.get("error"))) {
        assertThatThrownBy(() -> EXPR.evaluate((String) c.get("expr"), env)).isInstanceOf(RuntimeException.class);
        return;
      }
      Object result = EXPR.evaluate((String) c.get("expr"), env);
      assertThat(json(result)).isEqualTo(json(c.get("expect")));
    });
  }

  // ---- building the evaluator and functions from a case -------------------------------------

  private static StepEvaluator evaluator(Map<String, Object> c) {
    Map<String, Object> ctx = map(c.get("ctx"));
    List<ExpressionVariable> promotionVars = new ArrayList<>();
    for (Object v : list(c.get("promotionVars"))) {
      Map<String, Object> m = map(v);
      promotionVars.add(new ExpressionVariable((String) m.get("name"), (String) m.get("value")));
    }
    Map<String, Object> promotion = map(c.get("promotion"));
    Map<String, ExprFunction> fns = KargoFunctions.forPromotion(str(ctx.get("project")), targetFreight(promotion),
        ProjectData.NONE, StatusData.NONE, new Redactor());
    return new StepEvaluator(EXPR, ctx, promotionVars, fns);
  }

  private static PromotionStep step(Map<String, Object> c, String ifExpression) {
    List<ExpressionVariable> vars = new ArrayList<>();
    for (Object v : list(c.get("stepVars"))) {
      Map<String, Object> m = map(v);
      vars.add(new ExpressionVariable((String) m.get("name"), (String) m.get("value")));
    }
    String alias = c.get("stepAlias") == null ? "step-1" : (String) c.get("stepAlias");
    return PromotionStep.uses("test", Map.of()).withAs(alias).withIfExpression(ifExpression).withVars(vars);
  }

  private static Map<String, ExprFunction> functionsFor(String function, Map<String, Object> ctx) {
    if ("status".equals(function)) {
      RunState run = new RunState(0, metas(ctx.get("stepExecutionMetadata")), Map.of());
      return StatusFunctions.of(str(ctx.get("currentStepAlias")), run);
    }
    Map<String, Object> freights = map(ctx.get("freights"));
    Map<String, Object> stages = map(ctx.get("stages"));
    StatusData status = new StatusData() {
      @Override
      public Optional<Map<String, Object>> freightMetadata(String project, String name) {
        return Optional.ofNullable(map(map(map(freights.get(name)).get("status")).get("metadata")));
      }

      @Override
      public Optional<Map<String, Object>> stageMetadata(String project, String name) {
        return Optional.ofNullable(map(map(map(stages.get(name)).get("status")).get("metadata")));
      }
    };
    Map<String, Object> configMaps = map(ctx.get("configMaps"));
    Map<String, Object> secrets = map(ctx.get("secrets"));
    Map<String, Object> shared = map(ctx.get("sharedSecrets"));
    ProjectData data = new ProjectData() {
      @Override
      public Map<String, String> secret(String project, String name) {
        return strings(map(map(secrets.get(name)).get("data")));
      }

      @Override
      public Map<String, String> sharedSecret(String name) {
        Map<String, Object> s = map(shared.get(name));
        return "generic".equals(map(s.get("labels")).get("kargo.akuity.io/cred-type"))
            ? strings(map(s.get("data"))) : Map.of();
      }

      @Override
      public Map<String, String> configMap(String project, String name) {
        return strings(map(configMaps.get(name)));
      }
    };
    return KargoFunctions.forPromotion(str(ctx.get("project")), targetFreight(ctx), data, status, new Redactor());
  }

  /** The case's warehouses, freightRequests and freight as the engine sees them. */
  static TargetFreight targetFreight(Map<String, Object> p) {
    List<FreightReference> refs = new ArrayList<>();
    for (Object o : list(p.get("freight"))) {
      Map<String, Object> f = map(o);
      Map<String, Object> origin = map(f.get("origin"));
      List<GitCommit> commits = new ArrayList<>();
      for (Object x : list(f.get("commits"))) {
        Map<String, Object> m = map(x);
        commits.add(new GitCommit(str(m.get("repoURL")), str(m.get("id")), str(m.get("branch")), str(m.get("tag")),
            str(m.get("message")), str(m.get("author")), str(m.get("committer")), str(m.get("subscriptionName"))));
      }
      List<Image> images = new ArrayList<>();
      for (Object x : list(f.get("images"))) {
        Map<String, Object> m = map(x);
        images.add(new Image(str(m.get("repoURL")), str(m.get("tag")), str(m.get("digest")),
            strings(map(m.get("annotations"))), str(m.get("subscriptionName"))));
      }
      List<Chart> charts = new ArrayList<>();
      for (Object x : list(f.get("charts"))) {
        Map<String, Object> m = map(x);
        charts.add(new Chart(str(m.get("repoURL")), str(m.get("name")), str(m.get("version")),
            str(m.get("subscriptionName"))));
      }
      List<ArtifactReference> artifacts = new ArrayList<>();
      for (Object x : list(f.get("artifacts"))) {
        Map<String, Object> m = map(x);
        artifacts.add(new ArtifactReference(str(m.get("artifactType")), str(m.get("subscriptionName")),
            str(m.get("version")), m.get("metadata")));
      }
      refs.add(new FreightReference("f-" + refs.size(), new FreightOrigin(str(origin.get("kind")),
          str(origin.get("name"))), commits, images, charts, artifacts));
    }
    List<FreightRequest> requests = new ArrayList<>();
    for (Object o : list(p.get("freightRequests"))) {
      Map<String, Object> origin = map(map(o).get("origin"));
      requests.add(new FreightRequest(FreightOrigin.warehouse(str(origin.get("name"))), FreightSources.directly()));
    }
    Map<String, Warehouse> warehouses = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map(p.get("warehouses")).entrySet()) {
      List<Subscription> subs = new ArrayList<>();
      for (Object s : list(map(e.getValue()).get("subscriptions"))) {
        Map<String, Object> sub = map(s);
        if (sub.get("git") != null) {
          subs.add(GitSubscription.of(str(map(sub.get("git")).get("repoURL"))));
        } else if (sub.get("image") != null) {
          subs.add(ImageSubscription.of(str(map(sub.get("image")).get("repoURL"))));
        } else if (sub.get("chart") != null) {
          Map<String, Object> ch = map(sub.get("chart"));
          subs.add(ChartSubscription.of(str(ch.get("repoURL")), str(ch.get("name"))));
        } else {
          for (Map.Entry<String, Object> g : sub.entrySet()) {
            if (!"name".equals(g.getKey())) {
              subs.add(new GenericSubscription(str(sub.get("name")), g.getKey(), map(g.getValue()), 20));
            }
          }
        }
      }
      warehouses.put(e.getKey(), new Warehouse(ObjectMeta.of("p", e.getKey()), WarehouseSpec.of(subs), null));
    }
    Freight target = refs.isEmpty()
        ? new Freight(ObjectMeta.of("p", "target"), "", null, FreightOrigin.warehouse("w"), List.of(),
            List.of(Image.of("example.com/x", "1", "")), List.of(), List.of(), null)
        : new Freight(ObjectMeta.of("p", refs.get(0).name()), "", null, refs.get(0).origin(), refs.get(0).commits(),
            refs.get(0).images(), refs.get(0).charts(), refs.get(0).artifacts(), null);
    return new TargetFreight(target, FreightCollection.of(refs), requests, warehouses);
  }

  private static List<StepExecutionMetadata> metas(Object o) {
    List<StepExecutionMetadata> metas = new ArrayList<>();
    for (Object x : list(o)) {
      Map<String, Object> m = map(x);
      metas.add(new StepExecutionMetadata(str(m.get("alias")), null, null, 0,
          m.get("status") == null ? null : PromotionStepStatus.fromWireName(str(m.get("status"))), null,
          Boolean.TRUE.equals(m.get("continueOnError"))));
    }
    return metas;
  }

  private static Object arg(Object a) {
    if (a instanceof Map<?, ?> m && m.containsKey("$freightOrigin")) {
      Map<String, Object> o = map(m.get("$freightOrigin"));
      return ModelObjects.origin(new FreightOrigin(str(o.get("kind")), str(o.get("name"))));
    }
    return a;
  }

  private static Object field(Object result, String name) {
    if ("$string".equals(name)) {
      return result.toString();
    }
    if (result instanceof ExprObject o) {
      Object v = o.member(name);
      if (v == ExprObject.NO_SUCH_MEMBER) {
        for (String goName : new String[] {name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1),
            name.toUpperCase(Locale.ROOT), name.replace("Url", "URL")}) {
          v = o.member(goName);
          if (v != ExprObject.NO_SUCH_MEMBER) {
            return v;
          }
        }
        return map(o.jsonValue()).get(name);
      }
      return v;
    }
    return map(result).get(name);
  }

  /** A comparable JSON form: host objects by their JSON value, integral numbers as longs. */
  static Object json(Object v) {
    if (v instanceof ExprObject o) {
      return json(o.jsonValue());
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), json(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(json(x)));
      return out;
    }
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o instanceof List<?> l ? (List<Object>) l : List.of();
  }

  static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  private static Map<String, String> strings(Map<String, Object> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
