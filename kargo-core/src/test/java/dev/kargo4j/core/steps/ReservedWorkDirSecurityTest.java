package dev.kargo4j.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.PathEscapeException;
import dev.kargo4j.core.spi.WorkDir;
import dev.kargo4j.testkit.StepTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, finding 1: the engine's private folder of the work directory (where the git module
 * keeps its stores, hooks and config) is out of every step's reach, also through symbolic links
 * and through a directory copy into the work directory's root.
 */
class ReservedWorkDirSecurityTest {
  @TempDir Path dir;

  @Test
  void stepPathsNeverReachTheReservedFolder() throws Exception {
    Files.createDirectories(dir.resolve(".kargo4j/git/abc.git/hooks"));
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve(".kargo4j/git"));
    WorkDir wd = WorkDir.of(dir);
    for (String p : List.of(".kargo4j", "./.kargo4j/git/abc.git/hooks/post-commit", "a/../.kargo4j/x",
        "link/abc.git/hooks", "link", ".kargo4j/new/deeper")) {
      assertThatThrownBy(() -> wd.resolve(p, "outPath")).as(p).isInstanceOf(PathEscapeException.class)
          .hasMessageContaining("reserved").hasMessageContaining("outPath");
    }
    assertThat(wd.resolve(".kargo4j-other/x", "outPath")).isEqualTo(dir.toRealPath().resolve(".kargo4j-other/x"));
    assertThat(wd.isReserved(dir.resolve("link/abc.git"))).isTrue();
    assertThat(wd.isReserved(dir.resolve("src/a.txt"))).isFalse();
  }

  @Test
  void aDirectoryCopyIntoTheRootCannotWriteIntoTheReservedFolder() throws Exception {
    Files.createDirectories(dir.resolve(".kargo4j/git/abc.git/hooks"));
    Path hook = dir.resolve("src/.kargo4j/git/abc.git/hooks/post-commit");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\ntouch /tmp/pwned\n");
    assertThatThrownBy(() -> StepTestKit.forRunner(new FileCopier()).workDir(dir)
        .config(Map.of("inPath", "./src", "outPath", ".")).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("reserved");
    assertThat(dir.resolve(".kargo4j/git/abc.git/hooks/post-commit")).doesNotExist();
  }

  @Test
  void aDirectoryCopyThroughALinkIntoTheReservedFolderIsRefused() throws Exception {
    Files.createDirectories(dir.resolve(".kargo4j/git/abc.git/hooks"));
    Files.createDirectories(dir.resolve("out"));
    Files.createSymbolicLink(dir.resolve("out/h"), dir.resolve(".kargo4j/git/abc.git/hooks"));
    Path hook = dir.resolve("src/h/post-commit");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\n");
    assertThatThrownBy(() -> StepTestKit.forRunner(new FileCopier()).workDir(dir)
        .config(Map.of("inPath", "./src", "outPath", "./out")).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("reserved");
    assertThat(dir.resolve(".kargo4j/git/abc.git/hooks/post-commit")).doesNotExist();
  }
}
