package dev.kargo4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.PathEscapeException;
import dev.kargo4j.core.spi.WorkDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureWorkDirTest {
  @TempDir Path tmp;

  @Test
  void resolvesRelativePathsInside() throws Exception {
    Path root = Files.createDirectory(tmp.resolve("work"));
    WorkDir wd = WorkDir.of(root);
    assertThat(wd.resolve("./out/env/dev", "outPath")).isEqualTo(root.toRealPath().resolve("out/env/dev"));
    assertThat(wd.resolve("a/../b", "path")).isEqualTo(root.toRealPath().resolve("b"));
    assertThat(wd.resolve(".", "path")).isEqualTo(root.toRealPath());
  }

  @Test
  void refusesAbsoluteAndDotDotEscapes() throws Exception {
    WorkDir wd = WorkDir.of(Files.createDirectory(tmp.resolve("work")));
    assertThatThrownBy(() -> wd.resolve("/etc/passwd", "inPath"))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("inPath").hasMessageContaining("absolute");
    assertThatThrownBy(() -> wd.resolve("../outside", "outPath"))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("outPath").hasMessageContaining("leaves");
    assertThatThrownBy(() -> wd.resolve("a/../../x", "path")).isInstanceOf(PathEscapeException.class);
  }

  @Test
  void refusesSymlinkEscapesAtAnyDepth() throws Exception {
    Path root = Files.createDirectory(tmp.resolve("work"));
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("link"), outside);
    WorkDir wd = WorkDir.of(root);
    assertThatThrownBy(() -> wd.resolve("link", "path"))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> wd.resolve("link/new/file.yaml", "outPath"))
        .isInstanceOf(PathEscapeException.class);
  }

  @Test
  void followsSymlinksThatStayInside() throws Exception {
    Path root = Files.createDirectory(tmp.resolve("work"));
    Files.createDirectory(root.resolve("real"));
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
    assertThat(WorkDir.of(root).resolve("alias/x", "path")).isEqualTo(root.toRealPath().resolve("real/x"));
  }
}
