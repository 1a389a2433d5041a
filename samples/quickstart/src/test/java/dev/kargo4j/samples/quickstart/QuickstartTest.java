package dev.kargo4j.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart, run to its end as the README's main command runs it. */
class QuickstartTest {
  @TempDir Path tmp;

  @Test
  void runsThePipelineToTheEndAndExitsWithZero() throws Exception {
    String path = System.getenv().getOrDefault("PATH", "");
    Assumptions.assumeTrue(Arrays.stream(path.split(File.pathSeparator))
            .anyMatch(d -> Files.isExecutable(Path.of(d, "kustomize")) || Files.isExecutable(Path.of(d, "kubectl"))),
        "the quickstart's kustomize-build steps need kustomize or kubectl on the PATH");
    StringWriter text = new StringWriter();
    long started = System.nanoTime();

    int code = Quickstart.run(tmp.resolve("qs"), new PrintWriter(text, true), Map.of());

    String out = text.toString();
    assertThat(code).as(out).isZero();
    assertThat((System.nanoTime() - started) / 1e9).as("seconds").isLessThan(60);
    assertThat(out).contains("Argo CD not configured", "argocd-update", "Skipped",
        "[ab-test-b]   verification Failed", "[ab-test-a]   verification Successful",
        "verification failed as expected", "control flow", "Quickstart finished");
    for (String stage : Quickstart.RENDERED) {
      assertThat(out).contains("[" + stage + "]").containsPattern("\\[" + stage + "\\]\\s+promotion Succeeded");
    }
    assertThat(out).containsPattern("prod\\s+ab-test-a,ab-test-b\\s+\\S+\\s+ghcr.io/kargo4j/greeter:1.4.0\\s+\\(control flow\\)");
    assertThat(out).containsPattern("prod-east\\s+prod\\s+\\S+\\s+ghcr.io/kargo4j/greeter:1.4.0\\s+Healthy\\s+Successful\\s+Succeeded");

    // the rendered branch: overlay built with the Freight's image, the checksum plug-in's digest in the message
    try (Git git = Git.open(tmp.resolve("qs/greeter.git").toFile())) {
      var repo = git.getRepository();
      var head = repo.parseCommit(repo.resolve("refs/heads/stage/prod-west"));
      assertThat(head.getFullMessage()).contains("ghcr.io/kargo4j/greeter:1.4.0")
          .containsPattern("rendered manifests sha256 [0-9a-f]{64}");
    }
    assertThat(Files.readString(tmp.resolve("qs/pipeline.html"))).contains(">prod-east<", ">control flow<");
    assertThat(tmp.resolve("qs/state/manifests.yaml")).exists();
  }
}
