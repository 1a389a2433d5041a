package dev.kargo4j.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of {@code expr/expr-lang.json}: each expression is compiled without a typed
 * environment and evaluated against its map env; results are compared as JSON and by type.
 */
class ExprLangConformanceTest {
  private static final String FILE = "expr/expr-lang.json";

  @Test
  @SuppressWarnings("unchecked")
  void allCasesPassOrAreListedAsSkipped() throws Exception {
    Map<String, Object> doc = ConformanceSupport.read(FILE);
    Map<String, String> skips = ConformanceSupport.skips();
    List<Map<String, Object>> cases = (List<Map<String, Object>>) doc.get("cases");
    ExprEngine engine = ExprEngine.standard();
    int passed = 0;
    int skipped = 0;
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : cases) {
      String id = (String) c.get("id");
      if (skips.containsKey(FILE + "#cases#" + id)) {
        skipped++;
        continue;
      }
      String problem = run(engine, c);
      if (problem == null) {
        passed++;
      } else {
        failures.add(id + " `" + c.get("expr") + "`: " + problem);
      }
    }
    System.out.println("CONFORMANCE " + FILE + "#cases passed=" + passed + " failed="
        + failures.size() + " skipped=" + skipped);
    failures.forEach(f -> System.out.println("  FAIL " + f));
    assertThat(failures).isEmpty();
  }

  @SuppressWarnings("unchecked")
  static String run(ExprEngine engine, Map<String, Object> c) {
    String expr = (String) c.get("expr");
    Map<String, Object> env =
        c.containsKey("env") ? (Map<String, Object>) c.get("env") : Map.of();
    boolean wantError = Boolean.TRUE.equals(c.get("error"));
    Object result;
    try {
      result = engine.compile(expr).evaluate(env);
    } catch (ExpressionException e) {
      if (wantError) {
        return null;
      }
      return "unexpected error: " + e.getMessage();
    } catch (RuntimeException | Error e) {
      return "escaped " + e;
    }
    if (wantError) {
      return "expected an error (" + c.get("errorContains") + "), got "
          + ConformanceSupport.show(result);
    }
    Object expect = c.get("expect");
    if (!ConformanceSupport.jsonEquals(expect, result)) {
      return "expected " + ConformanceSupport.show(expect) + ", got "
          + ConformanceSupport.show(result);
    }
    Object type = c.get("expectType");
    if (type != null && !type.equals(ConformanceSupport.typeOf(result))) {
      return "expected type " + type + ", got " + ConformanceSupport.show(result);
    }
    Object elemType = c.get("expectElemType");
    if (elemType != null && result instanceof List<?> l) {
      for (Object o : l) {
        if (!elemType.equals(ConformanceSupport.typeOf(o))) {
          return "expected element type " + elemType + ", got " + ConformanceSupport.show(o);
        }
      }
    }
    return null;
  }
}
