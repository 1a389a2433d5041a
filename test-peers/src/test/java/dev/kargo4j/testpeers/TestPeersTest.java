package dev.kargo4j.testpeers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class TestPeersTest {
  @Test
  void findsBinariesOnThePath() {
    assertThat(TestPeers.findBinary("sh")).isPresent();
    assertThat(TestPeers.findBinary("no-such-binary-kargo4j")).isEmpty();
  }

  @Test
  void aMissingBinarySkipsTheTestWithAClearMessage() {
    assertThatThrownBy(() -> TestPeers.requireBinary("no-such-binary-kargo4j", "apt-get install nothing"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("'no-such-binary-kargo4j'")
        .hasMessageContaining("apt-get install nothing");
  }

  @Test
  void freePortsAreUsable() {
    int port = TestPeers.freePort();
    assertThat(port).isBetween(1, 65535);
  }

  @Test
  void runReportsFailuresWithStderr(@TempDir Path dir) throws Exception {
    assertThat(TestPeers.run(dir, "sh", "-c", "echo out")).isEqualTo("out\n");
    assertThatThrownBy(() -> TestPeers.run(dir, "sh", "-c", "echo bad >&2; exit 3"))
        .hasMessageContaining("exit 3").hasMessageContaining("bad");
    Files.createDirectories(dir.resolve("a/b"));
    TestPeers.deleteRecursively(dir.resolve("a"));
    assertThat(dir.resolve("a")).doesNotExist();
  }
}
