package dev.kargo4j.samples.customstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.PathEscapeException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.testkit.StepTestKit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step on its own, through kargo-core's {@link StepTestKit}. */
class ChecksumComputerTest {
  @TempDir Path work;

  private StepResult run(Map<String, ?> config) {
    return StepTestKit.forRunner(new ChecksumComputer()).workDir(work).config(config).run();
  }

  @Test
  void aFileHasTheDigestOfItsBytes() throws IOException {
    Files.writeString(work.resolve("abc.txt"), "abc");
    StepResult r = run(Map.of("path", "abc.txt"));
    assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    // FIPS 180-2 test vector for "abc"
    assertThat(r.output()).containsEntry("checksum",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        .containsEntry("algorithm", "sha256").containsEntry("files", 1);
  }

  @Test
  void sha512IsOffered() throws IOException {
    Files.writeString(work.resolve("abc.txt"), "abc");
    assertThat(run(Map.of("path", "abc.txt", "algorithm", "sha512")).output().get("checksum"))
        .isEqualTo("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  }

  @Test
  void aFolderMatchesTheSha256sumPipeline() throws Exception {
    Path dir = work.resolve("out");
    Files.createDirectories(dir.resolve("b/c"));
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve("b/c/deploy.yaml"), "kind: Deployment\n");
    Files.writeString(dir.resolve("a.yaml"), "kind: Service\n");
    Files.writeString(dir.resolve("B.yaml"), "kind: ConfigMap\n");
    Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");

    StepResult r = run(Map.of("path", "out", "outPath", "out/SHA256SUMS"));

    String shell = sh(dir, "find . -type f -not -path './.git/*' -not -name SHA256SUMS | sed 's|^./||' "
        + "| LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1");
    assertThat(r.output()).containsEntry("checksum", shell.strip()).containsEntry("files", 3);
    assertThat(Files.readString(dir.resolve("SHA256SUMS")))
        .isEqualTo(sh(dir, "sha256sum B.yaml a.yaml b/c/deploy.yaml"));
  }

  @Test
  void theSumChangesWithAnyFileAndItsName() throws IOException {
    Path dir = Files.createDirectories(work.resolve("out"));
    Files.writeString(dir.resolve("a.yaml"), "x: 1\n");
    Object first = run(Map.of("path", "out")).output().get("checksum");
    Files.writeString(dir.resolve("a.yaml"), "x: 2\n");
    Object second = run(Map.of("path", "out")).output().get("checksum");
    Files.move(dir.resolve("a.yaml"), dir.resolve("b.yaml"));
    Object third = run(Map.of("path", "out")).output().get("checksum");
    assertThat(first).isNotEqualTo(second);
    assertThat(second).isNotEqualTo(third);
  }

  @Test
  void aSymlinkIsNeverFollowed() throws IOException {
    Path secret = Files.writeString(Files.createTempFile("outside", ".txt"), "outside");
    try {
      Path dir = Files.createDirectories(work.resolve("out"));
      Files.createSymbolicLink(dir.resolve("link"), secret);
      Object before = run(Map.of("path", "out")).output().get("checksum");
      Files.writeString(secret, "changed outside");
      assertThat(run(Map.of("path", "out")).output().get("checksum")).isEqualTo(before);
    } finally {
      Files.delete(secret);
    }
  }

  @Test
  void badConfigNamesTheField() {
    assertThatThrownBy(() -> run(Map.of("algorithm", "sha256")))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("path");
    assertThatThrownBy(() -> run(Map.of("path", "x", "algorithm", "md5")))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("algorithm")
        .hasMessageContaining("sha256, sha512");
    assertThatThrownBy(() -> run(Map.of("path", "x", "colour", "red")))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("colour");
  }

  @Test
  void pathsStayInTheWorkDirectory() {
    assertThatThrownBy(() -> run(Map.of("path", "../etc/passwd")))
        .isInstanceOf(PathEscapeException.class);
    assertThatThrownBy(() -> run(Map.of("path", "missing")))
        .isInstanceOf(TerminalStepException.class).hasMessageContaining("\"missing\" does not exist");
  }

  private static String sh(Path dir, String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
