package dev.kargo4j.core.steps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class YamlEditorTest {
  private static String set(String text, String key, Object value) {
    return YamlEditor.parse(text).setScalar(key, value).text();
  }

  @Test
  void flowCollectionsAreEditedInsideTheirBrackets() {
    assertThat(set("a: {b: 1, c: 2} # keep\n", "a.b", 5)).isEqualTo("a: {b: 5, c: 2} # keep\n");
    assertThat(set("l: [x, y, z]\n", "l.1", "new")).isEqualTo("l: [x, new, z]\n");
    assertThat(set("l: [x, y]\n", "l.0", "a, b")).isEqualTo("l: [\"a, b\", y]\n");
  }

  @Test
  void blockScalarsAreReplacedWhole() {
    String in = "a: |\n  line1\n  line2\nb: 1\n";
    assertThat(set(in, "a", "v")).isEqualTo("a: v\nb: 1\n");
    assertThat(set("a: >-\n  folded\n  text\n# c\nb: 1\n", "a", 2)).isEqualTo("a: 2\n# c\nb: 1\n");
  }

  @Test
  void anchorsAndTagsStayAndAliasesAreNotFollowed() {
    assertThat(set("a: &x 1\nb: *x\n", "a", 2)).isEqualTo("a: &x 2\nb: *x\n");
    assertThatThrownBy(() -> set("a: &x 1\nb: *x\n", "b", 2)).hasMessageContaining("key path not found");
    assertThat(set("a: !!str 1\n", "a", "2")).isEqualTo("a: !!str \"2\"\n");
  }

  @Test
  void keepsLineEndingsAndMissingFinalNewline() {
    assertThat(set("a: 1\r\nb: 2\r\n", "b", 3)).isEqualTo("a: 1\r\nb: 3\r\n");
    assertThat(set("a: 1\nb: 2", "b", 3)).isEqualTo("a: 1\nb: 3");
  }

  @Test
  void quotesStringsYamlWouldReadOtherwise() {
    assertThat(set("a: b\n", "a", "")).isEqualTo("a: \"\"\n");
    assertThat(set("a: b\n", "a", "~")).isEqualTo("a: \"~\"\n");
    assertThat(set("a: b\n", "a", "x: y")).isEqualTo("a: \"x: y\"\n");
    assertThat(set("a: b\n", "a", "0x1F")).isEqualTo("a: \"0x1F\"\n");
    assertThat(set("a: b\n", "a", "line\nbreak")).isEqualTo("a: \"line\\nbreak\"\n");
    assertThat(set("a: b\n", "a", "*star")).isEqualTo("a: \"*star\"\n");
    assertThat(set("a: b\n", "a", "-Xmx1g")).isEqualTo("a: -Xmx1g\n");
    assertThat(set("a: b\n", "a", "yes")).as("YAML 1.2 reads yes as a string, as Kargo writes it").isEqualTo("a: yes\n");
  }

  @Test
  void nullsMapsAndLists() {
    assertThat(set("a: b\n", "a", null)).isEqualTo("a: null\n");
    assertThat(set("a: b\n", "a", Map.of("k", "v"))).isEqualTo("a: {\"k\": \"v\"}\n");
    assertThat(set("a: b\n", "a", List.of(1, "x"))).isEqualTo("a: [1, \"x\"]\n");
  }

  @Test
  void setNodeReplacesCollections() {
    String out = YamlEditor.parse("a:\n  b: 1\n  c: 2\nd: 3\n").setNode(List.of("a"), List.of(1, 2)).text();
    assertThat((Object) new Yaml().load(out)).isEqualTo(Map.of("a", List.of(1, 2), "d", 3));
    assertThat(out).endsWith("d: 3\n");
  }

  @Test
  void errorsUseKargosWording() {
    assertThatThrownBy(() -> set("a:\n- 1\n", "a.x", 1)).hasMessageContaining("strconv.Atoi: parsing \"x\": invalid syntax");
    assertThatThrownBy(() -> set("a:\n- 1\n", "a.5", 1)).hasMessageContaining("key path not found");
    assertThatThrownBy(() -> set("", "a", 1)).hasMessageContaining("key path not found");
    assertThatThrownBy(() -> set("a: [1\n", "a", 1)).hasMessageStartingWith("error unmarshaling input");
    assertThatThrownBy(() -> set("a: 1\n", "a\\x", 1)).hasMessageContaining("invalid escape sequence");
  }

  @Test
  void laterUpdateOfTheSameNodeWins() {
    assertThat(YamlEditor.parse("a: 1\n").setScalar("a", 2).setScalar("a", 3).text()).isEqualTo("a: 3\n");
  }

  /** Whatever string is set, the file stays YAML and reads back the same string. */
  @Property(tries = 300)
  void anyStringRoundTrips(@ForAll @StringLength(max = 12) String value) {
    String out = set("k: old # c\nother: [1, 2]\n", "k", value);
    Map<String, Object> doc = new Yaml(new org.yaml.snakeyaml.LoaderOptions()).load(out);
    Object read = doc.get("k");
    // SnakeYAML is YAML 1.1: it reads yes/no/on/off as booleans where Kargo's YAML 1.2 reads strings
    if (!(read instanceof Boolean) || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      assertThat(String.valueOf(read)).isEqualTo(value);
    }
    assertThat(doc.get("other")).isEqualTo(List.of(1, 2));
  }

  /** Any key either edits a scalar, leaving YAML with the same structure, or is refused clearly. */
  @Property(tries = 500)
  void anyKeyGivesYamlOrAClearRefusal(
      @ForAll @StringLength(max = 10) @Chars({'a', 'b', '0', '1', '.', '\\', ':', '-'}) String key) {
    String in = "a:\n  b: [1, {0: x}]\n  '1': y # c\nb:\n- 1\n- a: 2\n";
    try {
      String out = set(in, key, "v");
      Object doc = new Yaml().load(out);
      assertThat(doc).isInstanceOf(Map.class);
      assertThat(List.copyOf(((Map<?, ?>) doc).keySet())).isEqualTo(List.of("a", "b"));
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
