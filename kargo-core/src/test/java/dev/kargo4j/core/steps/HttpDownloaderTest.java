package dev.kargo4j.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.PathEscapeException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.testkit.StepTestKit;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpDownloaderTest {
  static TestHttpServer server;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new TestHttpServer()
        .answer("/chart.tgz", TestHttpServer.Answer.of(200, "application/gzip", "chart bytes"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private StepTestKit kit(Map<String, ?> config) {
    return StepTestKit.forRunner(new HttpDownloader()).workDir(dir).alias("dl")
        .capability(Capability.HTTP_CLIENT, HttpClient.newHttpClient()).config(config);
  }

  @Test
  void downloadsToAFileWithMode0600() throws Exception {
    StepResult r = kit(Map.of("url", server.url("/chart.tgz"), "outPath", "charts/c.tgz",
        "headers", List.of(Map.of("name", "Accept", "value", "*/*")),
        "queryParams", List.of(Map.of("name", "v", "value", "1")))).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(dir.resolve("charts/c.tgz")).hasContent("chart bytes");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("charts/c.tgz"))))
        .isEqualTo("rw-------");
    assertThat(noTemporaryFiles()).isTrue();
  }

  @Test
  void overwriteOnlyWhenAllowed() throws Exception {
    Files.writeString(dir.resolve("c.tgz"), "old");
    assertThatThrownBy(() -> kit(Map.of("url", server.url("/chart.tgz"), "outPath", "c.tgz")).run())
        .isInstanceOf(TerminalStepException.class)
        .hasMessage("file already exists at c.tgz and overwrite is not allowed");
    kit(Map.of("url", server.url("/chart.tgz"), "outPath", "c.tgz", "allowOverwrite", true)).run();
    assertThat(dir.resolve("c.tgz")).hasContent("chart bytes");
  }

  @Test
  void nonSuccessStatusFailsAndLeavesNothing() throws Exception {
    StepResult r = kit(Map.of("url", server.url("/missing"), "outPath", "x/c.tgz")).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.FAILED);
    assertThat(r.message()).isEqualTo("HTTP request failed with status 404");
    assertThat(dir.resolve("x/c.tgz")).doesNotExist();
    assertThat(noTemporaryFiles()).isTrue();
  }

  @Test
  void configAndPaths() {
    assertThatThrownBy(() -> kit(Map.of("url", server.url("/chart.tgz"))).run())
        .isInstanceOf(InvalidConfigException.class).hasMessage("steps[dl].config.outPath: required field is missing");
    assertThatThrownBy(() -> kit(Map.of("url", server.url("/chart.tgz"), "outPath", "../c.tgz")).run())
        .isInstanceOf(PathEscapeException.class);
    assertThatThrownBy(() -> kit(Map.of("url", server.url("/chart.tgz"), "outPath", "c", "timeout", "5x")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("timeout");
  }

  private boolean noTemporaryFiles() throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }
  }
}
