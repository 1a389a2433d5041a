package dev.kargo4j.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.PathEscapeException;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.testkit.StepTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCopierTest {
  @TempDir Path dir;

  private StepTestKit kit(Map<String, ?> config) {
    return StepTestKit.forRunner(new FileCopier()).workDir(dir).alias("cp").config(config);
  }

  private void write(String rel, String content) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @Test
  void copiesAFile() throws Exception {
    write("input.txt", "test content");
    assertThat(kit(Map.of("inPath", "input.txt", "outPath", "out/output.txt")).run().status())
        .isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(dir.resolve("out/output.txt")).hasContent("test content");
  }

  @Test
  void copiesADirectoryRecursivelyKeepingModes() throws Exception {
    write("input/input.txt", "test content");
    write("input/nested/nested.txt", "nested content");
    Files.setPosixFilePermissions(dir.resolve("input/input.txt"), PosixFilePermissions.fromString("rwxr-x---"));
    kit(Map.of("inPath", "input/", "outPath", "output/")).run();
    assertThat(dir.resolve("output/input.txt")).hasContent("test content");
    assertThat(dir.resolve("output/nested/nested.txt")).hasContent("nested content");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("output/input.txt"))))
        .isEqualTo("rwxr-x---");
  }

  @Test
  void overwritesExistingFilesAndKeepsOthers() throws Exception {
    write("input/a.txt", "new");
    write("output/a.txt", "old");
    write("output/b.txt", "kept");
    kit(Map.of("inPath", "input", "outPath", "output")).run();
    assertThat(dir.resolve("output/a.txt")).hasContent("new");
    assertThat(dir.resolve("output/b.txt")).hasContent("kept");
  }

  @Test
  void skipsSymlinksAndGitByDefault() throws Exception {
    write("input/input.txt", "x");
    write("input/.git/file.txt", "ignored");
    Files.createSymbolicLink(dir.resolve("input/link.txt"), Path.of("input.txt"));
    kit(Map.of("inPath", "input/", "outPath", "output/")).run();
    assertThat(dir.resolve("output/input.txt")).exists();
    assertThat(dir.resolve("output/link.txt")).doesNotExist();
    assertThat(dir.resolve("output/.git")).doesNotExist();
  }

  @Test
  void gitCanBeReincluded() throws Exception {
    write("input/.git/file.txt", "included");
    kit(Map.of("inPath", "input/", "outPath", "output/", "ignore", "!.git/")).run();
    assertThat(dir.resolve("output/.git/file.txt")).hasContent("included");
  }

  @Test
  void ignorePatternsUseGitignoreSyntax() throws Exception {
    write("input/app.log", "x");
    write("input/keep.log", "x");
    write("input/src/main.go", "x");
    write("input/src/tmp/cache.bin", "x");
    write("input/build/out.bin", "x");
    write("input/docs/build/readme", "x");
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("inPath", "input");
    cfg.put("outPath", "output");
    cfg.put("ignore", "# comment\n*.log\n!keep.log\n/build/\nsrc/**/cache.bin\n");
    kit(cfg).run();
    assertThat(dir.resolve("output/app.log")).doesNotExist();
    assertThat(dir.resolve("output/keep.log")).exists();
    assertThat(dir.resolve("output/src/main.go")).exists();
    assertThat(dir.resolve("output/src/tmp/cache.bin")).doesNotExist();
    assertThat(dir.resolve("output/build")).doesNotExist();
    assertThat(dir.resolve("output/docs/build/readme")).as("/build/ is anchored").exists();
  }

  @Test
  void neverWritesThroughALinkOutOfTheWorkDir(@TempDir Path outside) throws Exception {
    write("input/sub/passwd", "evil");
    Files.createDirectories(dir.resolve("output"));
    Files.createSymbolicLink(dir.resolve("output/sub"), outside);
    assertThatThrownBy(() -> kit(Map.of("inPath", "input", "outPath", "output")).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("leads out of the work directory");
    assertThat(outside.resolve("passwd")).doesNotExist();
  }

  @Test
  void missingInputIsAnError() {
    assertThatThrownBy(() -> kit(Map.of("inPath", "nope", "outPath", "out")).run())
        .isInstanceOf(KargoException.class)
        .hasMessageContaining("failed to copy \"nope\" to \"out\"");
  }

  @Test
  void refusesPathsOutsideTheWorkDir() {
    assertThatThrownBy(() -> kit(Map.of("inPath", "../etc", "outPath", "out")).run())
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("inPath");
    assertThatThrownBy(() -> kit(Map.of("inPath", "a", "outPath", "/tmp/x")).run())
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("outPath");
  }

  @Test
  void validatesConfig() {
    assertThatThrownBy(() -> kit(Map.of("outPath", "x")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessage("steps[cp].config.inPath: required field is missing");
    assertThatThrownBy(() -> kit(Map.of("inPath", "a", "outPath", "x", "ignore", "")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("ignore");
    assertThatThrownBy(() -> kit(Map.of("inPath", "a", "outPath", "x", "bogus", 1)).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("steps[cp].config.bogus: unknown field");
  }
}
