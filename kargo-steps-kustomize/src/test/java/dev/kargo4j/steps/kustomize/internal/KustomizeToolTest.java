package dev.kargo4j.steps.kustomize.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KustomizeToolTest {
  @Test
  void sanitizeUnwrapsKlogAndMakesPathsRelative() {
    Path root = Path.of("/tmp/promotion-1");
    String stderr = "E1126 13:19:36.890682   10405 run.go:72] \"command failed\" err=\"must build at directory:"
        + " not a valid directory: evalsymlink failure on '/tmp/promotion-1/nonexist' : lstat"
        + " /tmp/promotion-1/nonexist: no such file or directory\"\n";
    assertThat(KustomizeTool.sanitize(stderr, root)).isEqualTo("must build at directory: not a valid directory:"
        + " evalsymlink failure on 'nonexist' : lstat nonexist: no such file or directory");
    assertThat(KustomizeTool.sanitize("Error: x in /tmp/promotion-1\n", root)).isEqualTo("Error: x in .");
    assertThat(KustomizeTool.sanitize("y".repeat(5000), root)).hasSize(4006).endsWith(" [...]");
  }

  @Test
  void kubectlIsRecognisedByItsFileName() {
    assertThat(KustomizeTool.of(Path.of("/usr/bin/kubectl")).kubectl()).isTrue();
    assertThat(KustomizeTool.of(Path.of("/opt/kubectl-1.30")).describe()).isEqualTo("/opt/kubectl-1.30 kustomize");
    assertThat(KustomizeTool.of(Path.of("/usr/local/bin/kustomize")).describe()).isEqualTo("/usr/local/bin/kustomize build");
  }
}
