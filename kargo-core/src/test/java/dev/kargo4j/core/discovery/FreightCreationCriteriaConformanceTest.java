package dev.kargo4j.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.discovery.internal.DiscoveredFunctions;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.FreightCreationCriteria;
import dev.kargo4j.expr.EvalLimits;
import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code freightCreationCriteria} section of expr/kargo-templates.json, and the
 * {@code @discovered} function cases of its {@code functions} section (whose CONFORMANCE line the
 * engine's test prints).
 */
class FreightCreationCriteriaConformanceTest {
  private static final String FILE = "expr/kargo-templates.json";

  @Test
  @SuppressWarnings("unchecked")
  void freightCreationCriteria() throws Exception {
    ConformanceFile.load(FILE).run("freightCreationCriteria", c -> {
      FreightCreationCriteria fcc = c.get("expression") == null ? null
          : new FreightCreationCriteria(String.valueOf(c.get("expression")));
      DiscoveredArtifacts artifacts = Artifacts.fromJson((Map<String, Object>) c.get("discoveredArtifacts"));
      if (Boolean.TRUE.equals(c.get("error"))) {
        assertThatThrownBy(() -> DiscoveredFunctions.criteriaSatisfied(fcc, artifacts, EvalLimits.defaults(),
            Clock.systemUTC())).isInstanceOf(KargoException.class);
      } else {
        assertThat(DiscoveredFunctions.criteriaSatisfied(fcc, artifacts, EvalLimits.defaults(), Clock.systemUTC()))
            .isEqualTo(c.get("expect"));
      }
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void discoveredFunctionCases() throws Exception {
    Map<String, Object> functions = (Map<String, Object>) ConformanceFile.load(FILE).doc().get("functions");
    List<String> failures = new ArrayList<>();
    int ran = 0;
    for (Map<String, Object> c : (List<Map<String, Object>>) functions.get("cases")) {
      String fn = String.valueOf(c.get("function"));
      if (!fn.endsWith("@discovered")) {
        continue;
      }
      ran++;
      Map<String, Object> ctx = (Map<String, Object>) c.getOrDefault("context", Map.of());
      DiscoveredArtifacts artifacts = Artifacts.fromJson((Map<String, Object>) ctx.get("discoveredArtifacts"));
      ExprFunction f = DiscoveredFunctions.of(artifacts).get(fn.substring(0, fn.indexOf('@')));
      List<Object> args = new ArrayList<>();
      for (Object a : (List<Object>) c.get("args")) {
        args.add(a instanceof Integer i ? Long.valueOf(i) : a);
      }
      try {
        Object result = f.call(args);
        if (Boolean.TRUE.equals(c.get("error"))) {
          failures.add(c.get("id") + ": expected an error, got " + result);
        } else if (Boolean.TRUE.equals(c.get("expectNil"))) {
          assertThat(result).as(String.valueOf(c.get("id"))).isNull();
        } else if (c.get("expect") != null) {
          assertThat(((ExprObject) result).jsonValue()).as(String.valueOf(c.get("id"))).isEqualTo(c.get("expect"));
        } else {
          Map<String, Object> json = (Map<String, Object>) ((ExprObject) result).jsonValue();
          ((Map<String, Object>) c.get("expectFields")).forEach((k, v) ->
              assertThat(json.get(k)).as(c.get("id") + " " + k).isEqualTo(v));
        }
      } catch (IllegalArgumentException e) {
        if (!Boolean.TRUE.equals(c.get("error"))) {
          failures.add(c.get("id") + ": " + e);
        } else if (c.get("errorContains") != null) {
          assertThat(e.getMessage()).as(String.valueOf(c.get("id"))).contains(String.valueOf(c.get("errorContains")));
        }
      } catch (AssertionError e) {
        failures.add(c.get("id") + ": " + e.getMessage());
      }
    }
    assertThat(ran).isPositive();
    assertThat(failures).isEmpty();
  }
}
