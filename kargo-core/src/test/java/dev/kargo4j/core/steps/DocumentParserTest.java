package dev.kargo4j.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.testkit.StepTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentParserTest {
  @TempDir Path dir;

  private static Map<String, String> out(String name, String expr) {
    return Map.of("name", name, "fromExpression", expr);
  }

  @Test
  void yamlParseEvaluatesRawExpressionsWithYaml12Types() throws Exception {
    Files.writeString(dir.resolve("values.yaml"), """
        image:
          repository: nginx
          tag: "1.27"
        replicas: 3
        ratio: 0.5
        enabled: yes
        base: &b {x: 1}
        derived:
          <<: *b
          y: 2
        """);
    StepResult r = StepTestKit.forRunner(new YamlParser()).workDir(dir).config(Map.of(
        "path", "values.yaml",
        "outputs", List.of(
            out("tag", "image.tag"),
            out("ref", "image.repository + ':' + image.tag"),
            out("more", "replicas + 1"),
            out("ratio", "ratio"),
            out("enabled", "enabled"),
            out("merged", "derived.x + derived.y"),
            out("missing", "nothere")))).run();
    assertThat(r.output()).containsEntry("tag", "1.27").containsEntry("ref", "nginx:1.27")
        .containsEntry("more", 4L).containsEntry("ratio", 0.5).containsEntry("enabled", "yes")
        .containsEntry("merged", 3L).containsEntry("missing", null);
  }

  @Test
  void jsonParseTreatsNumbersAsFloat64() throws Exception {
    Files.writeString(dir.resolve("c.json"), "{\"app\": {\"version\": \"1.0.0\", \"replicas\": 2}, \"tags\": [\"a\", \"b\"]}");
    StepResult r = StepTestKit.forRunner(new JsonDocumentParser()).workDir(dir).config(Map.of(
        "path", "c.json",
        "outputs", List.of(out("version", "app.version"), out("replicas", "app.replicas"),
            out("first", "tags[0]"), out("all", "tags")))).run();
    assertThat(r.output()).containsEntry("version", "1.0.0").containsEntry("replicas", 2.0)
        .containsEntry("first", "a").containsEntry("all", List.of("a", "b"));
  }

  @Test
  void errors() throws Exception {
    Files.writeString(dir.resolve("empty.yaml"), "");
    Files.writeString(dir.resolve("bad.json"), "{");
    Files.writeString(dir.resolve("list.json"), "[1]");
    Files.writeString(dir.resolve("ok.json"), "{\"a\": 1}");
    assertThatThrownBy(() -> StepTestKit.forRunner(new YamlParser()).workDir(dir)
        .config(Map.of("path", "empty.yaml", "outputs", List.of(out("a", "a")))).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("could not parse empty YAML file");
    assertThatThrownBy(() -> StepTestKit.forRunner(new JsonDocumentParser()).workDir(dir)
        .config(Map.of("path", "bad.json", "outputs", List.of(out("a", "a")))).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("could not parse JSON file");
    assertThatThrownBy(() -> StepTestKit.forRunner(new JsonDocumentParser()).workDir(dir)
        .config(Map.of("path", "list.json", "outputs", List.of(out("a", "a")))).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("not a map");
    assertThatThrownBy(() -> StepTestKit.forRunner(new JsonDocumentParser()).workDir(dir).alias("p")
        .config(Map.of("path", "ok.json", "outputs", List.of(out("a", "a +")))).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("outputs[0].fromExpression");
    assertThatThrownBy(() -> StepTestKit.forRunner(new JsonDocumentParser()).workDir(dir)
        .config(Map.of("path", "ok.json", "outputs", List.of(out("a", "a.b.c()")))).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("error evaluating expression");
    assertThatThrownBy(() -> StepTestKit.forRunner(new YamlParser()).workDir(dir).alias("p")
        .config(Map.of("path", "x.yaml", "outputs", List.of())).run())
        .isInstanceOf(InvalidConfigException.class).hasMessage("steps[p].config.outputs: must have at least 1 item");
    assertThatThrownBy(() -> StepTestKit.forRunner(new YamlParser()).workDir(dir).alias("p")
        .config(Map.of("path", "x.yaml", "outputs", List.of(Map.of("name", "a")))).run())
        .isInstanceOf(InvalidConfigException.class).hasMessage("steps[p].config.outputs[0].fromExpression: required field is missing");
  }
}
