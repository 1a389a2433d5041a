package dev.kargo4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kargo4j.testpeers.GitHttpServer;
import dev.kargo4j.testpeers.OciRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI end to end against a real git server (git-http-backend behind lighttpd, basic auth)
 * and a real OCI registry (docker-registry, basic auth): apply manifests with credential
 * Secrets, refresh the Warehouse (git and image discovery make Freight), promote to dev and on
 * to prod (git-clone, kustomize-set-image, kustomize-build, git-commit, git-push into rendered
 * branches), get and graph. The last promotion runs through the shaded jar, {@code java -jar
 * target/kargo4j.jar}, to show the merged ServiceLoader files.
 */
class CliIT {
  @TempDir Path tmp;

  @Test
  void applyRefreshPromoteGetAndGraphAgainstRealPeers() throws Exception {
    try (GitHttpServer git = GitHttpServer.start();
        OciRegistry registry = OciRegistry.builder().basicAuth("ci", "s3cret-registry").start()) {
      Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
      registry.pushImage("team/app", "1.0.0", OciRegistry.image().created(t0));
      registry.pushImage("team/app", "1.1.0", OciRegistry.image().created(t0.plusSeconds(60)));
      registry.pushImage("team/app", "latest", OciRegistry.image().created(t0.plusSeconds(90)));
      String imageUrl = registry.repository("team/app");
      String repoUrl = git.createRepo("team/app-config", seed(imageUrl));
      Path manifests = manifests(repoUrl, git, imageUrl);
      CliRun cli = new CliRun(tmp.resolve("state"), Map.of());

      CliRun.Result applied = cli.run("apply", "-f", manifests.toString());
      assertThat(applied.code()).as(applied.toString()).isZero();
      assertThat(applied.out()).contains("warehouse.kargo.akuity.io/app created", "secret/git-creds created");

      CliRun.Result refreshed = cli.run("refresh", "warehouse", "app");
      assertThat(refreshed.code()).as(refreshed.toString()).isZero();
      assertThat(refreshed.out()).contains("created", imageUrl + ":1.1.0", repoUrl + "#");
      assertThat(cli.run("refresh", "warehouse", "app").out()).as("same artifacts, same Freight").contains("already existed");
      Path gitCache = tmp.resolve("state").resolve("git-cache");
      assertThat(gitCache).as("git mirrors kept between commands, in a folder private to this user").isDirectory();
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(gitCache)))
          .isEqualTo("rwx------");

      JsonNode freight = new ObjectMapper().readTree(cli.run("get", "freight", "-o", "json").out()).path("items").get(0);
      String alias = freight.path("alias").asText();
      assertThat(freight.path("images").get(0).path("tag").asText()).isEqualTo("1.1.0");
      assertThat(freight.path("commits").get(0).path("id").asText()).isEqualTo(git.head("team/app-config", "main").orElseThrow());

      CliRun.Result dev = cli.run("promote", "--stage", "dev", "--freight-alias", alias);
      assertThat(dev.code()).as(dev.toString()).isZero();
      assertThat(dev.out()).contains("git-clone", "kustomize-set-image", "kustomize-build", "git-commit", "git-push",
          "promotion Succeeded", "is now in dev");
      assertThat(dev.toString()).doesNotContain(git.password(), "s3cret-registry");
      String rendered = git.git("team/app-config", "show", "env/dev:app-dev-deployment-app.yaml");
      assertThat(rendered).contains("image: " + imageUrl + ":1.1.0", "namespace: app-dev");
      assertThat(git.git("team/app-config", "log", "--format=%s", "env/dev")).contains("Updated ./src/env/dev");

      // prod through the shaded jar: its merged META-INF/services must find the git and kustomize steps
      ProcessResult prod = java(List.of("promote", "--downstream-from", "dev", "--freight-alias", alias,
          "--state", tmp.resolve("state").toString()));
      assertThat(prod.code()).as(prod.output()).isZero();
      assertThat(prod.output()).contains("[prod]", "git-push", "is now in prod");
      ProcessResult version = java(List.of("--version"));
      assertThat(version.code()).as(version.output()).isZero();
      assertThat(version.output()).as("the jar's version, from the build").startsWith("kargo4j " + System.getProperty("kargo4j.version") + "\n");
      assertThat(git.git("team/app-config", "show", "env/prod:app-prod-deployment-app.yaml"))
          .contains("image: " + imageUrl + ":1.1.0", "replicas: 3");

      CliRun.Result stages = cli.run("get", "stages");
      assertThat(stages.out()).containsPattern("dev\\s+app\\s+" + alias + "\\s+\\S+:1\\.1\\.0 \\S+#[0-9a-f]{7}\\s+Healthy\\s+Successful\\s+Succeeded")
          .containsPattern("prod\\s+dev\\s+" + alias);
      assertThat(cli.run("get", "warehouses").out()).containsPattern("app\\s+git \\S+, image \\S+\\s+True\\s+" + alias + "\\s+1");
      assertThat(cli.run("get", "promotions").out()).containsPattern("dev\\.\\S+\\s+dev\\s+" + alias + "\\s+Succeeded\\s+6/6");

      Path html = tmp.resolve("graph.html");
      assertThat(cli.run("graph", "--out", html.toString()).code()).as("html, by the file's extension").isZero();
      assertThat(Files.readString(html)).contains(">dev<", ">prod<", ">" + alias + " (", "app:1.1.0");
      assertThat(cli.run("graph").out()).contains("w_app --> s_dev", "s_dev --> s_prod");
    }
  }

  private Path seed(String imageUrl) throws IOException {
    Path seed = Files.createDirectories(tmp.resolve("seed"));
    write(seed.resolve("base/kustomization.yaml"), "resources:\n- deployment.yaml\n");
    write(seed.resolve("base/deployment.yaml"), """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
        spec:
          replicas: 1
          template:
            spec:
              containers:
              - name: app
                image: %s:placeholder
        """.formatted(imageUrl));
    write(seed.resolve("env/dev/kustomization.yaml"), "namespace: app-dev\nresources:\n- ../../base\n");
    write(seed.resolve("env/prod/kustomization.yaml"),
        "namespace: app-prod\nresources:\n- ../../base\nreplicas:\n- name: app\n  count: 3\n");
    return seed;
  }

  private Path manifests(String repoUrl, GitHttpServer git, String imageUrl) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("kargo"));
    write(dir.resolve("project.yaml"), """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Project
        metadata:
          name: it
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: git-creds
          namespace: it
          labels:
            kargo.akuity.io/cred-type: git
        stringData:
          repoURL: %s
          username: %s
          password: %s
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: registry-creds
          namespace: it
          labels:
            kargo.akuity.io/cred-type: image
        stringData:
          repoURL: %s
          username: ci
          password: s3cret-registry
        """.formatted(repoUrl, git.username(), git.password(), imageUrl));
    write(dir.resolve("pipeline.yaml"), """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Warehouse
        metadata:
          name: app
          namespace: it
        spec:
          subscriptions:
          - git:
              repoURL: %1$s
              branch: main
          - image:
              repoURL: %2$s
              imageSelectionStrategy: SemVer
              strictSemvers: true
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: PromotionTask
        metadata:
          name: render
          namespace: it
        spec:
          vars:
          - {name: repoURL, value: "%1$s"}
          - {name: image, value: "%2$s"}
          steps:
          - uses: git-clone
            config:
              repoURL: ${{ vars.repoURL }}
              author: {name: kargo4j it, email: it@kargo4j.invalid}
              checkout:
              - commit: ${{ commitFrom(vars.repoURL).ID }}
                path: ./src
              - branch: env/${{ ctx.stage }}
                create: true
                path: ./out
          - uses: git-clear
            config: {path: ./out}
          - uses: kustomize-set-image
            as: update-image
            config:
              path: ./src/env/${{ ctx.stage }}
              images:
              - image: ${{ vars.image }}
                tag: ${{ imageFrom(vars.image).Tag }}
          - uses: kustomize-build
            config:
              path: ./src/env/${{ ctx.stage }}
              outPath: ./out
          - uses: git-commit
            config:
              path: ./out
              message: ${{ task.outputs['update-image'].commitMessage }}
          - uses: git-push
            config: {path: ./out}
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata:
          name: dev
          namespace: it
          annotations: {kargo.akuity.io/color: green}
        spec:
          requestedFreight:
          - origin: {kind: Warehouse, name: app}
            sources: {direct: true}
          promotionTemplate:
            spec:
              steps:
              - task: {name: render}
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata:
          name: prod
          namespace: it
          annotations: {kargo.akuity.io/color: blue}
        spec:
          requestedFreight:
          - origin: {kind: Warehouse, name: app}
            sources: {stages: [dev]}
          promotionTemplate:
            spec:
              steps:
              - task: {name: render}
        """.formatted(repoUrl, imageUrl));
    return dir;
  }

  private record ProcessResult(int code, String output) {}

  /** Runs the shaded jar in a child JVM. */
  private ProcessResult java(List<String> args) throws Exception {
    Path jar = Path.of("target", "kargo4j.jar").toAbsolutePath();
    assertThat(jar).as("the shaded jar (built in the package phase)").exists();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()));
    command.addAll(args);
    Path log = tmp.resolve("java-" + System.nanoTime() + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("ARGOCD_SERVER");
    pb.environment().remove("KUBECONFIG");
    Process p = pb.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("kargo4j.jar did not finish: " + Files.readString(log));
    }
    return new ProcessResult(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
