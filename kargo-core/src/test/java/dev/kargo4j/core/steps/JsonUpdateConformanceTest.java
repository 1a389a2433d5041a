package dev.kargo4j.core.steps;

import dev.kargo4j.core.conformance.ConformanceVectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.testkit.StepTestKit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every section of {@code steps/json-update.yaml}. */
class JsonUpdateConformanceTest {
  private static final String FILE = "steps/json-update.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void cases() throws Exception {
    int[] n = {0};
    ConformanceVectors.load(FILE).run("cases", c -> {
      String input = (String) c.get("input");
      List<Map<String, Object>> rawUpdates = (List<Map<String, Object>>) c.get("updates");
      if (rawUpdates.isEmpty()) {
        assertThat(JsonUpdater.apply(input, List.of())).isEqualTo(c.get("expectOutput"));
        return;
      }
      Path dir = Files.createDirectory(tmp.resolve("case" + n[0]++));
      String path = (String) c.getOrDefault("path", "values.json");
      Files.writeString(dir.resolve(path), input, StandardCharsets.UTF_8);
      StepTestKit kit = StepTestKit.forRunner(new JsonUpdater()).workDir(dir)
          .config(Map.of("path", path, "updates", rawUpdates));
      if (c.containsKey("expectError")) {
        assertThatThrownBy(kit::run).hasMessageContaining((String) c.get("expectError"));
        return;
      }
      StepResult r = kit.run();
      assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
      String out = Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
      assertThat(out).isEqualTo(c.get("expectOutput"));
      if (c.containsKey("expectJSON")) {
        assertThat(JSON.readTree(out)).isEqualTo(JSON.valueToTree(c.get("expectJSON")));
      }
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
    ConformanceVectors.load(FILE).run("commitMessageCases", c -> {
      List<JsonUpdaterConfig.Update> updates = new ArrayList<>();
      for (Map<String, Object> u : (List<Map<String, Object>>) c.get("updates")) {
        updates.add(new JsonUpdaterConfig.Update((String) u.get("key"), u.get("value")));
      }
      assertThat(JsonUpdater.commitMessage((String) c.get("path"), updates)).isEqualTo(c.get("expect"));
    });
  }

  @Test
  void configValidation() throws Exception {
    ConformanceVectors.load(FILE).run("configValidation",
        c -> YamlUpdateConformanceTest.checkConfig(new JsonUpdater(), c, tmp));
  }
}
