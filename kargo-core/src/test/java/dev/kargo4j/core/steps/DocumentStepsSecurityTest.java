package dev.kargo4j.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.internal.HostileDocuments;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.testkit.StepTestKit;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, finding 4: YAML and JSON documents from repositories and remote servers are read by
 * one bounded reader. Each test is the attack; each must end in a KargoException naming the
 * input, quickly, without exhausting the heap or the stack.
 */
class DocumentStepsSecurityTest {
  @TempDir Path dir;

  /** The classic "billion laughs": 480 bytes that expand to 10^9 strings. */
  static final String BILLION_LAUGHS = """
      a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
      b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
      c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
      d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
      e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
      f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
      g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
      h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
      i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
      """;

  private static Map<String, Object> parseConfig(String path) {
    return Map.of("path", path, "outputs", List.of(Map.of("name", "n", "fromExpression", "i")));
  }

  @Test
  void yamlParseRefusesABillionLaughs() throws Exception {
    Files.writeString(dir.resolve("bomb.yaml"), BILLION_LAUGHS);
    Throwable e = HostileDocuments.thrownWithin(Duration.ofSeconds(10), () ->
        StepTestKit.forRunner(new YamlParser()).workDir(dir).config(parseConfig("bomb.yaml")).run());
    assertThat(e).isInstanceOf(KargoException.class)
        .hasMessageContaining("\"bomb.yaml\"").hasMessageContaining("alias");
  }

  @Test
  void yamlParseRefusesScalarAliasAmplification() throws Exception {
    // one anchored 1 MiB string repeated through 64 aliases: 64 MiB of output from 1 MiB of text
    StringBuilder sb = new StringBuilder("big: &s ").append("x".repeat(1 << 20)).append("\ni:\n");
    for (int k = 0; k < 64; k++) {
      sb.append("- *s\n");
    }
    Files.writeString(dir.resolve("amp.yaml"), sb);
    Throwable e = HostileDocuments.thrownWithin(Duration.ofSeconds(10), () ->
        StepTestKit.forRunner(new YamlParser()).workDir(dir).config(parseConfig("amp.yaml")).run());
    assertThat(e).isInstanceOf(KargoException.class)
        .hasMessageContaining("\"amp.yaml\"").hasMessageContaining("expands to more than");
  }

  @Test
  void httpYamlResponseRefusesABillionLaughs() throws Exception {
    try (TestHttpServer server = new TestHttpServer()
        .answer("/bomb", TestHttpServer.Answer.of(200, "application/yaml", BILLION_LAUGHS))) {
      Throwable e = HostileDocuments.thrownWithin(Duration.ofSeconds(10), () -> StepTestKit.forRunner(new HttpRequester())
          .workDir(dir).alias("h").capability(Capability.HTTP_CLIENT, HttpClient.newHttpClient())
          .config(Map.of("url", server.url("/bomb"),
              "outputs", List.of(Map.of("name", "n", "fromExpression", "response.body.i"))))
          .run());
      assertThat(e).isInstanceOf(KargoException.class)
          .hasMessageContaining("YAML response").hasMessageContaining("alias");
    }
  }

  @Test
  void yamlMergeRefusesADocumentThatContainsItself() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), "a: &x {b: *x}\n");
    Files.writeString(dir.resolve("b.yaml"), "a: &y {b: *y}\n");
    Throwable e = HostileDocuments.thrownWithin(Duration.ofSeconds(10), () -> StepTestKit.forRunner(new YamlMerger())
        .workDir(dir).config(Map.of("inFiles", List.of("a.yaml", "b.yaml"), "outFile", "out.yaml"))
        .run());
    assertThat(e).isInstanceOf(KargoException.class)
        .hasMessageContaining("\"a.yaml\"").hasMessageContaining("contains itself");
  }

  /** Runs a step on a thread with a small stack, as a host's worker pool may have. */
  private Throwable onSmallStack(StepRunner runner, Map<String, Object> config) throws Exception {
    AtomicReference<Throwable> t = new AtomicReference<>();
    Thread th = new Thread(null, () -> {
      try {
        StepResult r = StepTestKit.forRunner(runner).workDir(dir).config(config).run();
        t.set(new AssertionError("no exception; result " + r.status()));
      } catch (Throwable e) {
        t.set(e);
      }
    }, "small-stack", 256 * 1024);
    th.start();
    th.join(20_000);
    assertThat(th.isAlive()).as("finished in time").isFalse();
    return t.get();
  }

  @Test
  void jsonUpdateRefusesDeepNestingInsteadOfOverflowingTheStack() throws Exception {
    int depth = 9_000;
    Files.writeString(dir.resolve("deep.json"), "[".repeat(depth) + "]".repeat(depth));
    Throwable e = onSmallStack(new JsonUpdater(), Map.of("path", "deep.json",
        "updates", List.of(Map.of("key", "0", "value", "x"))));
    assertThat(e).isInstanceOf(KargoException.class)
        .hasMessageContaining("\"deep.json\"").hasMessageContaining("nest deeper than");
  }

  @Test
  void jsonParseRefusesDeepNestingInsteadOfOverflowingTheStack() throws Exception {
    int depth = 9_000;
    Files.writeString(dir.resolve("deep.json"), "{\"i\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
    Throwable e = onSmallStack(new JsonDocumentParser(), parseConfig("deep.json"));
    assertThat(e).isInstanceOf(KargoException.class).hasMessageContaining("\"deep.json\"");
  }

  @Test
  void yamlUpdateRefusesABillionLaughs() throws Exception {
    // yaml-update never expands aliases, but it must not write back a bomb that every later
    // reader (yaml-parse, Argo CD, kustomize) would choke on
    Files.writeString(dir.resolve("bomb.yaml"), BILLION_LAUGHS + "x: 1\n");
    Throwable e = HostileDocuments.thrownWithin(Duration.ofSeconds(10), () -> StepTestKit.forRunner(new YamlUpdater())
        .workDir(dir).config(Map.of("path", "bomb.yaml", "updates", List.of(Map.of("key", "x", "value", 2))))
        .run());
    assertThat(e).isInstanceOf(KargoException.class)
        .hasMessageContaining("\"bomb.yaml\"").hasMessageContaining("alias");
  }

  @Test
  void aDocumentLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
    Files.writeString(dir.resolve("big.yaml"), "i: " + "x".repeat(4096) + "\n");
    DocumentLimits small = new DocumentLimits(1024, 1000, 256, 4096);
    Throwable e = HostileDocuments.thrownWithin(Duration.ofSeconds(10), () ->
        StepTestKit.forRunner(new YamlParser(small)).workDir(dir).config(parseConfig("big.yaml")).run());
    assertThat(e).isInstanceOf(KargoException.class)
        .hasMessageContaining("\"big.yaml\"").hasMessageContaining("limit of 1024 bytes");
  }

  @Test
  void aHugeNumberIsReadInLinearTime() throws Exception {
    // Java's BigInteger parses decimal text in quadratic time: 2 million digits took over a minute
    Files.writeString(dir.resolve("num.yaml"), "i: " + "7".repeat(2_000_000) + "\n");
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      StepResult r = StepTestKit.forRunner(new YamlParser()).workDir(dir).config(parseConfig("num.yaml")).run();
      assertThat(r.output()).containsEntry("n", Double.POSITIVE_INFINITY);
    });
  }
}
