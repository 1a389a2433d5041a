package dev.kargo4j.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kargo's template rendering and typing, and the template functions. */
class TemplateTest {
  private final ExprEngine engine = ExprEngine.standard();

  @Test
  void allThreeDelimitersWorkAndTheEarliestWins() {
    assertThat(engine.render("${{ 1 }}-${% 2 %}-$<< 3 >>", Map.of())).isEqualTo("1-2-3");
    assertThat(engine.render("${% '${{' %}", Map.of())).isEqualTo("${{");
    assertThat(engine.render("$<< {'a': {'b': 1}} >>", Map.of()))
        .isEqualTo(Map.of("a", Map.of("b", 1.0)));
  }

  @Test
  void theRenderedTextIsTyped() {
    assertThat(engine.render("${{ 40 + 2 }}", Map.of())).isEqualTo(42.0);
    assertThat(engine.render("${{ quote(40 + 2) }}", Map.of())).isEqualTo("42");
    assertThat(engine.render("${{ 'true' }}", Map.of())).isEqualTo(true);
    assertThat(engine.render("${{ '[1, \"a\"]' }}", Map.of())).isEqualTo(List.of(1.0, "a"));
    assertThat(engine.render("v${{ 1 }}", Map.of())).isEqualTo("v1");
    assertThat(engine.render("${{ 'abc' }}\n", Map.of())).isEqualTo("abc\n");
    assertThat(engine.render("${{ nil }}", Map.of())).isNull();
    assertThat(engine.render("no expression: 42", Map.of())).isEqualTo("no expression: 42");
    assertThatThrownBy(() -> engine.render("${{ 'Infinity' }}", Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("unsupported value");
  }

  @Test
  void compiledTemplatesReportWhetherTheyHaveExpressions() {
    Template plain = engine.compileTemplate("just text");
    assertThat(plain.hasExpressions()).isFalse();
    assertThat(plain.render(Map.of())).isEqualTo("just text");
    Template t = engine.compileTemplate("${{ a }}-${{ b }}");
    assertThat(t.hasExpressions()).isTrue();
    assertThat(t.text()).isEqualTo("${{ a }}-${{ b }}");
    assertThat(t.render(Map.of("a", 1L, "b", "x"))).isEqualTo("1-x");
  }

  @Test
  void renderTreeEvaluatesValuesNotKeysAndReturnsANewTree() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("${{ 'k' }}", "${{ n * 2 }}");
    inner.put("list", new ArrayList<>(List.of("${{ n }}", 7L, true)));
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("inner", inner);
    tree.put("plain", "42");
    tree.put("nothing", null);
    Map<String, Object> copy = deepCopy(tree);
    Object out = engine.renderTree(tree, Map.of("n", 21L));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("inner", Map.of("${{ 'k' }}", 42.0, "list", List.of(21.0, 7L, true)));
    expected.put("plain", "42");
    expected.put("nothing", null);
    assertThat(out).isEqualTo(expected);
    assertThat(out).isNotSameAs(tree);
    assertThat(tree).isEqualTo(copy);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Map ? deepCopy((Map<String, Object>) v)
        : v instanceof List ? new ArrayList<>((List<Object>) v) : v));
    return out;
  }

  @Test
  void reservedEnvironmentKeysAreRefused() {
    for (String key : List.of("quote", "asYAML", "asJSON")) {
      Map<String, Object> env = new HashMap<>();
      env.put(key, null);
      assertThatThrownBy(() -> engine.renderTree(Map.of(), env))
          .isInstanceOf(ExpressionException.class)
          .hasMessageContaining("\"" + key + "\" is a forbidden key");
    }
    Map<String, Object> env = new HashMap<>();
    env.put("unsafeQuote", null);
    assertThat(engine.renderTree(Map.of("v", "${{ 1 }}"), env)).isEqualTo(Map.of("v", 1.0));
  }

  @Test
  void quoteFunctions() {
    assertThat(engine.render("${{ quote('a\"b\\n') }}", Map.of())).isEqualTo("a\\\"b\\n");
    assertThat(engine.render("${{ unsafeQuote('foo') }}", Map.of())).isEqualTo("\"foo\"");
    assertThat(engine.render("${{ quote({'b': 1, 'a': '<'}) }}", Map.of()))
        .isEqualTo("{\"a\":\"\\u003c\",\"b\":1}");
    assertThat(engine.render("${{ asJSON({'a': [1]}) }}", Map.of()))
        .isEqualTo("{\n  \"a\": [\n    1\n  ]\n}\n");
    assertThatThrownBy(() -> engine.compile("quote(1, 2)"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("too many arguments to call quote");
  }

  @Test
  void asYamlFollowsGoYamlV3() {
    String yaml = (String) engine.render(
        "${{ asYAML({'b': [1, {'x': 'a: b', 'w': [[1, 2], []]}], 'a': 'multi\\nline\\n',"
            + " 'e': '', 'f': 'true', 'g': '- item', 'h': {}, 'i': 1.5, 'k10': 1, 'k9': 2,"
            + " 'z': nil, 's': 'plain text'}) }}",
        Map.of());
    assertThat(yaml).isEqualTo(String.join("\n",
        "a: |",
        "    multi",
        "    line",
        "b:",
        "    - 1",
        "    - w:",
        "        - - 1",
        "          - 2",
        "        - []",
        "      x: 'a: b'",
        "e: \"\"",
        "f: \"true\"",
        "g: '- item'",
        "h: {}",
        "i: 1.5",
        "k9: 2",
        "k10: 1",
        "s: plain text",
        "z: null",
        ""));
    // YAML 1.1 booleans such as y and off stay strings by being quoted, as go-yaml does
    assertThat(engine.render("${{ asYAML({'y': 'off'}) }}", Map.of())).isEqualTo("\"y\": \"off\"\n");
    assertThat(engine.render("${{ asYAML(['x\\ny', 'tab\\there']) }}", Map.of()))
        .isEqualTo("- |-\n  x\n  y\n- \"tab\\there\"\n");
  }
}
