package dev.kargo4j.core.steps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class JsonEditorTest {
  @Test
  void arraysFollowSjson() {
    assertThat(JsonEditor.set("{\"a\": [1, 2]}", "a.1", 5)).isEqualTo("{\"a\": [1, 5]}");
    assertThat(JsonEditor.set("{\"a\": [1, 2]}", "a.-1", 3)).isEqualTo("{\"a\": [1, 2,3]}");
    assertThat(JsonEditor.set("{\"a\": [1, 2]}", "a.4", 3)).isEqualTo("{\"a\": [1,2,null,null,3]}");
    assertThat(JsonEditor.set("{}", "a.2", "x")).isEqualTo("{\"a\":[null,null,\"x\"]}");
    assertThat(JsonEditor.set("{}", "a.-1.b", true)).isEqualTo("{\"a\":[{\"b\":true}]}");
    assertThatThrownBy(() -> JsonEditor.set("{\"a\": [1]}", "a.b", 1))
        .hasMessageContaining("cannot set array element for non-numeric key 'b'");
  }

  @Test
  void escapesAndForcedKeys() {
    assertThat(JsonEditor.set("{\"a.b\": 1}", "a\\.b", 2)).isEqualTo("{\"a.b\": 2}");
    assertThatThrownBy(() -> JsonEditor.set("{\"a\": []}", "a.:1", 2))
        .hasMessageContaining("non-numeric key '1'");
    assertThat(JsonEditor.set("{}", "x", "<é\"\n>")).isEqualTo("{\"x\":\"\\u003cé\\\"\\n\\u003e\"}");
    assertThat(JsonEditor.set("{}", "x", "a<b")).isEqualTo("{\"x\":\"a<b\"}");
    assertThatThrownBy(() -> JsonEditor.set("{}", "a.*", 1)).hasMessageContaining("query character");
  }

  @Test
  void numbersAndScalarsReplacedByContainers() {
    assertThat(JsonEditor.set("{\"a\": 1}", "a", 1.0e21)).isEqualTo("{\"a\": 1000000000000000000000}");
    assertThat(JsonEditor.set("{\"a\": 1}", "a", 0.000001)).isEqualTo("{\"a\": 0.000001}");
    assertThat(JsonEditor.set("{\"a\": 5}", "a.b", 1)).isEqualTo("{\"a\": {\"b\":1}}");
    assertThat(JsonEditor.set("  \n", "0", "x")).isEqualTo("[\"x\"]");
  }

  @Test
  void refusesInvalidJsonAndNonScalars() {
    assertThatThrownBy(() -> JsonEditor.set("{a: 1}", "a", 1)).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> JsonEditor.set("{}", "a", null)).hasMessageContaining("is not a scalar type");
    assertThatThrownBy(() -> JsonEditor.set("{}", "", 1)).hasMessageContaining("path cannot be empty");
  }

  /** Setting a string anywhere keeps the text valid JSON and the value readable. */
  @Property(tries = 300)
  void resultIsValidJson(@ForAll String value) throws Exception {
    String out = JsonEditor.set("{\n  \"keep\": [1, {\"x\": null}],\n  \"k\": 0\n}\n", "k", value);
    assertThat(new ObjectMapper().readTree(out).get("k").asText()).isEqualTo(value.replaceAll(
        "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]", "\ufffd"));
    String added = JsonEditor.set(out, "new.path", value);
    assertThat(new ObjectMapper().readTree(added).get("keep").toString()).isEqualTo("[1,{\"x\":null}]");
  }

  /** Any key either sets a value, leaving valid JSON, or is refused with IllegalArgumentException. */
  @Property(tries = 500)
  void anyKeyGivesJsonOrAClearRefusal(
      @ForAll @StringLength(max = 10) @Chars({'a', 'b', '0', '1', '.', '\\', ':', '-', '*'}) String key) {
    String in = "{\"a\": {\"b\": [1, {\"0\": 2}]}, \"1\": []}";
    try {
      String out = JsonEditor.set(in, key, "v");
      assertThat(ScalarQuoting.isValidJson(out)).as(out).isTrue();
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
