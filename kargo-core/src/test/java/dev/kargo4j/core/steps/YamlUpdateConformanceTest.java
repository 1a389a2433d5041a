package dev.kargo4j.core.steps;

import dev.kargo4j.core.conformance.ConformanceVectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.steps.internal.KeyPath;
import dev.kargo4j.core.steps.internal.ScalarQuoting;
import dev.kargo4j.testkit.StepTestKit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every section of {@code steps/yaml-update.yaml}. */
class YamlUpdateConformanceTest {
  private static final String FILE = "steps/yaml-update.yaml";

  @TempDir Path tmp;

  @SuppressWarnings("unchecked")
  static List<YamlUpdaterConfig.Update> updates(Object raw) {
    List<YamlUpdaterConfig.Update> out = new ArrayList<>();
    for (Map<String, Object> u : (List<Map<String, Object>>) raw) {
      out.add(new YamlUpdaterConfig.Update((String) u.get("key"), u.get("value")));
    }
    return out;
  }

  @Test
  void cases() throws Exception {
    int[] n = {0};
    ConformanceVectors.load(FILE).run("cases", c -> {
      String input = (String) c.get("input");
      List<Map<String, Object>> rawUpdates = (List<Map<String, Object>>) c.get("updates");
      if (rawUpdates.isEmpty()) {
        // the step requires an update; the editor itself is what Kargo's test exercised
        if (c.containsKey("expectError")) {
          assertThatThrownBy(() -> YamlUpdater.apply(input, List.of()))
              .hasMessageContaining((String) c.get("expectError"));
        } else {
          assertThat(YamlUpdater.apply(input, List.of())).isEqualTo(c.get("expectOutput"));
        }
        return;
      }
      Path dir = Files.createDirectory(tmp.resolve("case" + n[0]++));
      String path = (String) c.getOrDefault("path", "values.yaml");
      Files.writeString(dir.resolve(path), input, StandardCharsets.UTF_8);
      StepTestKit kit = StepTestKit.forRunner(new YamlUpdater()).workDir(dir)
          .config(Map.of("path", path, "updates", rawUpdates));
      if (c.containsKey("expectError")) {
        assertThatThrownBy(kit::run).hasMessageContaining((String) c.get("expectError"));
        assertThat(Files.readString(dir.resolve(path))).as("file untouched on error").isEqualTo(input);
        return;
      }
      StepResult r = kit.run();
      assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
      String out = Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
      assertThat(out).isEqualTo(c.get("expectOutput"));
      for (String s : (List<String>) c.getOrDefault("expectContains", List.of())) {
        assertThat(out).contains(s);
      }
      if (c.containsKey("expectCommitMessage")) {
        assertThat(r.output()).containsEntry("commitMessage", c.get("expectCommitMessage"));
      }
    });
  }

  @Test
  void commitMessageCases() throws Exception {
    ConformanceVectors.load(FILE).run("commitMessageCases", c ->
        assertThat(YamlUpdater.commitMessage((String) c.get("path"), updates(c.get("updates"))))
            .isEqualTo(c.get("expect")));
  }

  @Test
  void quoteIfNecessaryCases() throws Exception {
    ConformanceVectors.load(FILE).run("quoteIfNecessaryCases", c ->
        assertThat(ScalarQuoting.quoteIfNecessary(c.get("input"))).isEqualTo(c.get("expect")));
  }

  @Test
  void splitKeyCases() throws Exception {
    ConformanceVectors.load(FILE).run("splitKeyCases", c -> {
      String key = (String) c.get("key");
      if (c.containsKey("expectError")) {
        assertThatThrownBy(() -> KeyPath.split(key)).hasMessageContaining((String) c.get("expectError"));
      } else {
        assertThat(KeyPath.split(key)).isEqualTo(c.get("expect"));
      }
    });
  }

  @Test
  void configValidation() throws Exception {
    ConformanceVectors.load(FILE).run("configValidation", c -> checkConfig(new YamlUpdater(), c, tmp));
  }

  /** A config the case calls invalid is refused before any file is touched; a valid one binds. */
  @SuppressWarnings("unchecked")
  static void checkConfig(dev.kargo4j.core.spi.StepRunner runner, Map<String, Object> c, Path dir) {
    Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) c.get("config"));
    StepTestKit kit = StepTestKit.forRunner(runner).workDir(dir).alias("s").config(config);
    if (Boolean.TRUE.equals(c.get("expectValid"))) {
      return;
    }
    assertThatThrownBy(kit::run)
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("steps[s].config");
  }
}
