package dev.kargo4j.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.PathEscapeException;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.testkit.StepTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContentWriterTest {
  @TempDir Path dir;
  @TempDir Path outside;

  private StepTestKit kit(Map<String, ?> config) {
    return StepTestKit.forRunner(new FileContentWriter()).workDir(dir).alias("w").config(config);
  }

  @Test
  void writesWithDefaultMode0600AndCreatesParents() throws Exception {
    kit(Map.of("path", "a/b/c.txt", "contents", "hello")).run();
    Path f = dir.resolve("a/b/c.txt");
    assertThat(f).hasContent("hello");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
  }

  @Test
  void emptyContentsAndCustomMode() throws Exception {
    kit(Map.of("path", "e.txt", "contents", "", "permissions", "0644")).run();
    assertThat(dir.resolve("e.txt")).hasContent("");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("e.txt"))))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void overwriteOnlyWhenAsked() throws Exception {
    Files.writeString(dir.resolve("f"), "old");
    assertThatThrownBy(() -> kit(Map.of("path", "f", "contents", "new")).run())
        .isInstanceOf(TerminalStepException.class)
        .hasMessage("file \"f\" already exists; set overwrite to true to replace it");
    kit(Map.of("path", "f", "contents", "new", "overwrite", true)).run();
    assertThat(dir.resolve("f")).hasContent("new");
  }

  @Test
  void refusesGitExecutableWorldWritableAndSymlinks() throws Exception {
    assertThatThrownBy(() -> kit(Map.of("path", ".git/config", "contents", "x")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining(".git directory is forbidden");
    assertThatThrownBy(() -> kit(Map.of("path", "s.sh", "contents", "x", "permissions", "0755")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("executable");
    assertThatThrownBy(() -> kit(Map.of("path", "s", "contents", "x", "permissions", "0666")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("world-writable");
    assertThatThrownBy(() -> kit(Map.of("path", "s", "contents", "x", "permissions", "644")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("permissions");
    Files.createDirectory(dir.resolve("real"));
    Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("real"));
    assertThatThrownBy(() -> kit(Map.of("path", "alias/f", "contents", "x")).run())
        .isInstanceOf(TerminalStepException.class).hasMessageContaining("symlinks are forbidden");
    Files.createSymbolicLink(dir.resolve("out"), outside);
    assertThatThrownBy(() -> kit(Map.of("path", "out/f", "contents", "x")).run())
        .isInstanceOf(PathEscapeException.class);
    assertThat(outside.resolve("f")).doesNotExist();
  }

  @Test
  void contentsIsRequired() {
    assertThatThrownBy(() -> kit(Map.of("path", "f")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessage("steps[w].config.contents: required field is missing");
  }
}
