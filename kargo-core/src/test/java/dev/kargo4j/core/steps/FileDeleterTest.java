package dev.kargo4j.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.PathEscapeException;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.testkit.StepTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeleterTest {
  @TempDir Path dir;
  @TempDir Path outside;

  private StepTestKit kit(Map<String, ?> config) {
    return StepTestKit.forRunner(new FileDeleter()).workDir(dir).alias("rm").config(config);
  }

  private void write(String rel) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, rel);
  }

  @Test
  void deletesAFileAndADirectory() throws Exception {
    write("a.txt");
    write("d/e/f.txt");
    kit(Map.of("paths", List.of("a.txt", "d"))).run();
    assertThat(dir.resolve("a.txt")).doesNotExist();
    assertThat(dir.resolve("d")).doesNotExist();
  }

  @Test
  void missingPathIsFineUnlessStrict() throws Exception {
    kit(Map.of("path", "nope/x")).run();
    assertThatThrownBy(() -> kit(Map.of("path", "nope", "strict", true)).run())
        .isInstanceOf(KargoException.class).hasMessage("path \"nope\" does not exist");
  }

  @Test
  void removesASymlinkNotItsTarget() throws Exception {
    Files.writeString(outside.resolve("precious"), "keep");
    Files.createSymbolicLink(dir.resolve("link"), outside.resolve("precious"));
    kit(Map.of("path", "link")).run();
    assertThat(dir.resolve("link")).doesNotExist();
    assertThat(outside.resolve("precious")).hasContent("keep");
  }

  @Test
  void refusesEscapes() throws Exception {
    Files.createSymbolicLink(dir.resolve("out"), outside);
    Files.writeString(outside.resolve("f"), "keep");
    assertThatThrownBy(() -> kit(Map.of("path", "../x")).run()).isInstanceOf(PathEscapeException.class);
    assertThatThrownBy(() -> kit(Map.of("path", "/etc/passwd")).run()).isInstanceOf(PathEscapeException.class);
    assertThatThrownBy(() -> kit(Map.of("path", "out/f")).run()).isInstanceOf(PathEscapeException.class);
    assertThatThrownBy(() -> kit(Map.of("path", ".")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("work directory itself");
    assertThat(outside.resolve("f")).exists();
  }

  @Test
  void globsMatchAcrossDirectories() throws Exception {
    write("a.yaml");
    write("keep.txt");
    write("sub/b.yaml");
    write("sub/deep/c.yaml");
    write("sub/deep/d.json");
    kit(Map.of("path", "**/*.yaml", "pathsAreGlobs", true)).run();
    assertThat(dir.resolve("a.yaml")).doesNotExist();
    assertThat(dir.resolve("sub/b.yaml")).doesNotExist();
    assertThat(dir.resolve("sub/deep/c.yaml")).doesNotExist();
    assertThat(dir.resolve("sub/deep/d.json")).exists();
    assertThat(dir.resolve("keep.txt")).exists();
  }

  @Test
  void globAlternativesAndStrictness() throws Exception {
    write("x/one.txt");
    write("x/two.txt");
    write("x/three.txt");
    kit(Map.of("paths", List.of("./x/{one,two}.txt"), "pathsAreGlobs", true)).run();
    assertThat(dir.resolve("x/one.txt")).doesNotExist();
    assertThat(dir.resolve("x/two.txt")).doesNotExist();
    assertThat(dir.resolve("x/three.txt")).exists();
    assertThatThrownBy(() -> kit(Map.of("path", "*.none", "pathsAreGlobs", true, "strict", true)).run())
        .isInstanceOf(KargoException.class).hasMessage("no paths matched pattern \"*.none\"");
    assertThatThrownBy(() -> kit(Map.of("path", "[abc", "pathsAreGlobs", true)).run())
        .isInstanceOf(TerminalStepException.class).hasMessageContaining("unclosed '['");
  }

  @Test
  void exactlyOneOfPathAndPaths() {
    assertThatThrownBy(() -> kit(Map.of()).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("path, paths: exactly one must be set");
    assertThatThrownBy(() -> kit(Map.of("path", "a", "paths", List.of("b"))).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("exactly one");
    assertThatThrownBy(() -> kit(Map.of("paths", List.of())).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("paths: must have at least 1 item");
    assertThatThrownBy(() -> kit(Map.of("paths", List.of("a", ""))).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("paths[1]");
  }
}
