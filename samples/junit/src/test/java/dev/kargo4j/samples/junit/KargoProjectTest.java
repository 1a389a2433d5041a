package dev.kargo4j.samples.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.model.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test kit's own rules, without the extension. */
class KargoProjectTest {
  private static final String WAREHOUSE = """
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Warehouse
      metadata: {name: app, namespace: demo}
      spec:
        freightCreationPolicy: Manual
        subscriptions:
        - image: {repoURL: registry.example.com/app}
      """;

  @Test
  void closeDeletesTheFoldersIncludingTheRemote() {
    Path remote;
    try (KargoProject p = KargoProject.create("demo", Instant.parse("2026-03-01T00:00:00Z"), getClass().getClassLoader())) {
      p.remote().commit("main", Map.of("a.txt", "a"), "first");
      remote = p.remote().dir();
      assertThat(Files.isDirectory(remote)).isTrue();
    }
    assertThat(Files.exists(remote)).isFalse();
  }

  @Test
  void manifestsAreFixedOnceTheRuntimeRuns() {
    try (KargoProject p = KargoProject.create("demo", Instant.parse("2026-03-01T00:00:00Z"), getClass().getClassLoader())) {
      p.apply(WAREHOUSE);
      p.createFreight("app", Image.of("registry.example.com/app", "1.0.0", ""));
      assertThatThrownBy(() -> p.apply(WAREHOUSE)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("after the runtime was built");
    }
  }

  @Test
  void advanceMovesTheManualClockExactly() {
    try (KargoProject p = KargoProject.create("demo", Instant.parse("2026-03-01T00:00:00Z"), getClass().getClassLoader())) {
      p.apply(WAREHOUSE);
      assertThat(p.advance(Duration.ofMinutes(90))).isEqualTo(Instant.parse("2026-03-01T01:30:00Z"));
      assertThat(p.clock().instant()).isEqualTo(Instant.parse("2026-03-01T01:30:00Z"));
    }
  }

  @Test
  void theRemoteKeepsEarlierFilesAndBranches() {
    try (KargoProject p = KargoProject.create("demo", Instant.parse("2026-03-01T00:00:00Z"), getClass().getClassLoader())) {
      String first = p.remote().commit("main", Map.of("a.txt", "a"), "first");
      String second = p.remote().commit("main", Map.of("b/c.txt", "c"), "second");
      p.remote().commit("other", Map.of("x.txt", "x"), "elsewhere");
      assertThat(first).isNotEqualTo(second);
      assertThat(p.remote().head("main")).contains(second);
      assertThat(p.remote().files("main")).containsExactly("a.txt", "b/c.txt");
      assertThat(p.remote().log("main")).containsExactly("second", "first");
      assertThat(p.remote().read("main", "b/c.txt")).contains("c");
      assertThat(p.remote().read("main", "missing")).isEmpty();
      assertThat(p.remote().files("other")).containsExactly("x.txt");
      assertThatThrownBy(() -> p.remote().commit("main", Map.of("../escape", "x"), "bad"))
          .hasMessageContaining("leaves the repository");
    }
  }
}
