package dev.kargo4j.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.testkit.StepTestKit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlStepsTest {
  @TempDir Path dir;

  @Test
  void composeOutputOutputsItsConfigAndPropagatesToTheTask() {
    StepResult r = StepTestKit.forRunner(new OutputComposer()).workDir(dir)
        .config(Map.of("a", 1, "b", Map.of("c", List.of("d")))).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(r.output()).isEqualTo(Map.of("a", 1, "b", Map.of("c", List.of("d"))));
    assertThat(new OutputComposer().propagatesOutputToTask()).isTrue();
    assertThatThrownBy(() -> StepTestKit.forRunner(new OutputComposer()).workDir(dir).alias("co").run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("steps[co].config: must have at least 1 property");
  }

  @Test
  void failAlwaysFails() {
    StepResult r = StepTestKit.forRunner(new StepFailer()).workDir(dir).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.FAILED);
    assertThat(r.message()).isEqualTo("failed");
    r = StepTestKit.forRunner(new StepFailer()).workDir(dir).config(Map.of("message", "no way")).run();
    assertThat(r.message()).isEqualTo("failed: no way");
    assertThatThrownBy(() -> StepTestKit.forRunner(new StepFailer()).workDir(dir).config(Map.of("message", "")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("message");
  }

  @Test
  void everyBuiltInIsDiscoverable() {
    List<String> kinds = ServiceLoader.load(StepRunner.class).stream()
        .map(p -> p.get().kind()).toList();
    assertThat(kinds).contains("copy", "delete", "file-write", "yaml-update", "json-update",
        "yaml-parse", "json-parse", "yaml-merge", "compose-output", "fail", "http", "http-download");
  }
}
