package dev.kargo4j.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of the {@code templates} section of {@code expr/kargo-templates.json} through
 * {@link ExprEngine#renderTree}, the way Kargo's {@code EvaluateJSONTemplate} evaluates a step
 * configuration. Kargo's own functions are played by {@link KargoFunctionFakes}.
 */
class TemplateConformanceTest {
  private static final String FILE = "expr/kargo-templates.json";

  @Test
  @SuppressWarnings("unchecked")
  void allCasesPassOrAreListedAsSkipped() throws Exception {
    Map<String, Object> doc = ConformanceSupport.read(FILE);
    Map<String, String> skips = ConformanceSupport.skips();
    List<Map<String, Object>> cases = (List<Map<String, Object>>) doc.get("templates");
    int passed = 0;
    int skipped = 0;
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : cases) {
      String id = (String) c.get("id");
      if (skips.containsKey(FILE + "#templates#" + id)) {
        skipped++;
        continue;
      }
      String problem = run(c);
      if (problem == null) {
        passed++;
      } else {
        failures.add(id + " (" + c.get("name") + "): " + problem);
      }
    }
    System.out.println("CONFORMANCE " + FILE + "#templates passed=" + passed + " failed="
        + failures.size() + " skipped=" + skipped);
    failures.forEach(f -> System.out.println("  FAIL " + f));
    assertThat(failures).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static String run(Map<String, Object> c) {
    boolean wantError = Boolean.TRUE.equals(c.get("error"));
    Object tree;
    if (c.containsKey("templateText")) {
      try {
        tree = TestJson.parse((String) c.get("templateText"));
      } catch (IllegalArgumentException e) {
        return wantError ? null : "template text is not JSON: " + e.getMessage();
      }
    } else {
      tree = c.get("template");
    }
    if (!(tree instanceof Map)) {
      // EvaluateJSONTemplate unmarshals into map[string]any: the top level must be an object
      return wantError ? null : "top level is not a JSON object";
    }
    ExprEngine.Builder builder = ExprEngine.builder();
    KargoFunctionFakes.register(builder, c);
    ExprEngine engine = builder.build();
    Map<String, Object> env = (Map<String, Object>) c.getOrDefault("env", Map.of());
    Object result;
    try {
      result = engine.renderTree(tree, env);
    } catch (ExpressionException e) {
      return wantError ? null : "unexpected error: " + e.getMessage();
    } catch (RuntimeException | Error e) {
      return "escaped " + e;
    }
    if (wantError) {
      return "expected an error (" + c.get("errorContains") + "), got "
          + ConformanceSupport.show(result);
    }
    if (!ConformanceSupport.jsonEquals(c.get("expect"), result)) {
      return "expected " + ConformanceSupport.show(c.get("expect")) + ", got "
          + ConformanceSupport.show(result);
    }
    return null;
  }
}
