package dev.kargo4j.core.verification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.MetricMeasurement.Phase;
import dev.kargo4j.expr.ExprEngine;
import dev.kargo4j.expr.go.GoJson;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of the web provider: placeholders, JSONPath, Go-style JSON and the conditions. */
class WebMetricPartsTest {

  @Test
  void placeholdersResolveArgsAndRefuseAnythingElse() {
    Map<String, String> args = Map.of("name", "pikachu", "q", "a\"b");
    assertThat(Placeholders.resolve("x/{{args.name}}/{{ args.name }}", args)).isEqualTo("x/pikachu/pikachu");
    assertThat(Placeholders.resolve("{{args.q}}", args)).isEqualTo("a\"b");
    assertThat(Placeholders.resolve("no tags", args)).isEqualTo("no tags");
    assertThatThrownBy(() -> Placeholders.resolve("{{args.other}}", args))
        .hasMessage("failed to resolve {{args.other}}");
    assertThatThrownBy(() -> Placeholders.resolve("{{ metadata.name }}", args))
        .hasMessage("failed to resolve {{ metadata.name }}");
    assertThatThrownBy(() -> Placeholders.resolve("{{args.name", args)).hasMessageContaining("end tag");
    assertThat(Placeholders.resolveTree(Map.of("k", List.of("{{args.name}}", 3)), args))
        .isEqualTo(Map.of("k", List.of("pikachu", 3)));
  }

  @Test
  void jsonPathFindsFieldsIndexesSlicesAndWildcards() {
    Object data = GoJson.unmarshal("{\"a\":{\"b\":[1,2,3],\"c d\":\"x\"},\"items\":[{\"v\":1},{\"v\":2}]}");
    assertThat(JsonPath.compile("{$.a.b[1]}").findResults(data)).containsExactly(List.of(2.0));
    assertThat(JsonPath.compile("{.a.b[-1]}").findResults(data)).containsExactly(List.of(3.0));
    assertThat(JsonPath.compile("{.a.b[0:2]}").findResults(data)).containsExactly(List.of(1.0, 2.0));
    assertThat(JsonPath.compile("{.items[*].v}").findResults(data)).containsExactly(List.of(1.0, 2.0));
    assertThat(JsonPath.compile("{..v}").findResults(data)).containsExactly(List.of(1.0, 2.0));
    assertThat(JsonPath.compile("{.a['c d']}").findResults(data)).containsExactly(List.of("x"));
    assertThat(JsonPath.compile("").findResults(data).get(0).get(0)).isEqualTo(data);
    assertThat(JsonPath.compile("v={.a.c d}").findResults(Map.of("a", Map.of("c d", 1))))
        .containsExactly(List.of("v="), List.of(1));
    assertThatThrownBy(() -> JsonPath.compile("{.a.x}").findResults(data)).hasMessage("x is not found");
    assertThatThrownBy(() -> JsonPath.compile("{.a.b[7]}").findResults(data))
        .hasMessage("array index out of bounds: index 7, length 3");
    assertThatThrownBy(() -> JsonPath.compile("{.items[?(@.v==1)]}")).hasMessageContaining("filters");
    assertThatThrownBy(() -> JsonPath.compile("{.a")).hasMessageContaining("unclosed");
  }

  @Test
  void jsonIsDecodedAndEncodedAsGoDoes() {
    assertThat(GoJson.unmarshal("[1, 2.5, true, null, \"s\"]")).isEqualTo(Arrays.asList(1.0, 2.5, true, null, "s"));
    assertThat(WebMeasurer.jsonText(112.0)).isEqualTo("112");
    assertThat(WebMeasurer.jsonText(0.75)).isEqualTo("0.75");
    assertThat(WebMeasurer.jsonText(1e21)).isEqualTo("1e+21");
    assertThat(WebMeasurer.jsonText(1.5e-7)).isEqualTo("1.5e-7");
    assertThat(WebMeasurer.jsonText(Map.of("b", 1L, "a", List.of("x")))).isEqualTo("{\"a\":[\"x\"],\"b\":1}");
    assertThat(WebMeasurer.jsonText(0.000001)).isEqualTo("0.000001");
    assertThat(WebMeasurer.jsonText("a<b")).isEqualTo("\"a\\u003cb\"");
    assertThat(WebMeasurer.jsonText(Double.NaN)).isEqualTo("null");
    assertThatThrownBy(() -> GoJson.unmarshal("not json")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void conditionsFollowRolloutsPrecedence() throws Exception {
    Conditions c = new Conditions(ExprEngine.standard());
    assertThat(c.evaluate(1.0, "", "")).isEqualTo(Phase.SUCCESSFUL);
    assertThat(c.evaluate(1.0, "result < 2", "")).isEqualTo(Phase.SUCCESSFUL);
    assertThat(c.evaluate(3.0, "result < 2", "")).isEqualTo(Phase.FAILED);
    assertThat(c.evaluate(3.0, "", "result > 2")).isEqualTo(Phase.FAILED);
    assertThat(c.evaluate(1.0, "", "result > 2")).isEqualTo(Phase.SUCCESSFUL);
    assertThat(c.evaluate(2.0, "result < 2", "result > 2")).isEqualTo(Phase.INCONCLUSIVE);
    assertThat(c.evaluate(5.0, "result > 2", "result > 4")).isEqualTo(Phase.FAILED);
    assertThat(c.evaluate("7", "asInt(result) == 7 && asFloat(result) > 6.5", "")).isEqualTo(Phase.SUCCESSFUL);
    assertThat(c.evaluate(null, "isNil(result) && default(result, 4) == 4", "")).isEqualTo(Phase.SUCCESSFUL);
    assertThat(c.evaluate(Double.NaN, "isNaN(result)", "")).isEqualTo(Phase.SUCCESSFUL);
    assertThatThrownBy(() -> c.evaluate(null, "result < 2", "")).isInstanceOf(ConditionException.class)
        .hasMessageContaining("metric result is nil or empty");
    assertThatThrownBy(() -> c.evaluate(1.0, "result +", "")).isInstanceOf(ConditionException.class)
        .hasMessageStartingWith("could not evaluate successCondition \"result +\"");
  }
}
