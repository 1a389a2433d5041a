package dev.kargo4j.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.internal.HostileDocuments;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.testkit.StepTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 13, finding 4: hostile YAML and JSON documents fed to {@code yaml-parse},
 * {@code json-parse}, {@code yaml-update}, {@code json-update} and {@code yaml-merge} through
 * their runners. For every document, a step succeeds or fails with a {@link KargoException},
 * within ten seconds each (minutes before the fix; ten leaves room for a loaded build machine), and the heap survives (the fuzz JVM runs with -Xmx192m and exits
 * on OutOfMemoryError).
 */
class DocumentStepsFuzzTest {
  private static Path dir;

  @BeforeContainer
  static void createDir() throws IOException {
    dir = Files.createTempDirectory("kargo4j-docfuzz");
  }

  @AfterContainer
  static void deleteDir() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Provide
  Arbitrary<byte[]> documents() {
    return HostileDocuments.bytes();
  }

  @Provide
  Arbitrary<String> keys() {
    return HostileDocuments.keyPaths();
  }

  /** Runs the step; anything but success or a KargoException fails the property. */
  private static void run(StepRunner runner, Map<String, Object> config) {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      try {
        StepTestKit.forRunner(runner).workDir(dir).config(config).run();
      } catch (KargoException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }, () -> runner.kind() + " took too long");
  }

  @Property(tries = 120)
  void everyDocumentStepEndsInAResultOrAKargoException(@ForAll("documents") byte[] doc,
      @ForAll("documents") byte[] other, @ForAll("keys") String key) throws IOException {
    Files.write(dir.resolve("doc.yaml"), doc);
    Files.write(dir.resolve("other.yaml"), other);
    Files.write(dir.resolve("doc.json"), doc);
    List<Map<String, Object>> outputs = List.of(Map.of("name", "n", "fromExpression", "l1"),
        Map.of("name", "all", "fromExpression", "toJSON(c)"));
    run(new YamlParser(), Map.of("path", "doc.yaml", "outputs", outputs));
    run(new JsonDocumentParser(), Map.of("path", "doc.json", "outputs", outputs));
    run(new YamlUpdater(), Map.of("path", "doc.yaml", "updates", List.of(Map.of("key", key, "value", "new"))));
    run(new JsonUpdater(), Map.of("path", "doc.json", "updates", List.of(Map.of("key", key, "value", 1))));
    run(new YamlMerger(), Map.of("inFiles", List.of("doc.yaml", "other.yaml"), "outFile", "merged.yaml"));
  }
}
