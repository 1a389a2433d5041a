package dev.kargo4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repositories on the host's disk are refused to Stage authors unless the CLI's user allows them
 * with {@code --allow-local-repositories} (issue 13, finding 11).
 */
class LocalRepositoryOptionTest {
  @TempDir Path tmp;
  CliRun cli;
  String freight;

  @BeforeEach
  void setUp() throws Exception {
    Path repo = tmp.resolve("repo");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.writeString(repo.resolve("app.yaml"), "image: app:1.0.0\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("app").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").setSign(false).call();
    }
    Path manifests = tmp.resolve("kargo.yaml");
    Files.writeString(manifests, """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Project
        metadata:
          name: local
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Warehouse
        metadata:
          name: app
          namespace: local
        spec:
          freightCreationPolicy: Manual
          subscriptions:
          - image:
              repoURL: registry.example.com/team/app
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata:
          name: dev
          namespace: local
        spec:
          requestedFreight:
          - origin: {kind: Warehouse, name: app}
            sources: {direct: true}
          promotionTemplate:
            spec:
              steps:
              - uses: git-clone
                config:
                  repoURL: REPO
                  checkout:
                  - branch: main
                    path: ./src
        """.replace("REPO", repo.toUri().toString()));
    cli = new CliRun(tmp.resolve("state"), Map.of());
    assertThat(cli.run("apply", "-f", manifests.toString()).code()).isZero();
    CliRun.Result created = cli.run("create", "freight", "--warehouse", "app", "--image", "registry.example.com/team/app:1.0.0");
    assertThat(created.code()).as(created.toString()).isZero();
    freight = created.out().replaceAll("(?s).*freight.kargo.akuity.io/([0-9a-f]{40}) created.*", "$1");
  }

  @Test
  void aLocalRepositoryIsRefusedUnlessTheUserAllowsIt() {
    CliRun.Result refused = cli.run("promote", "--stage", "dev", "--freight", freight);
    assertThat(refused.code()).as(refused.toString()).isEqualTo(Kargo4jCommand.FAILED);
    assertThat(refused.out() + refused.err()).contains("local repositories are not allowed");

    CliRun.Result allowed = cli.run("promote", "--stage", "dev", "--freight", freight, "--allow-local-repositories");
    assertThat(allowed.code()).as(allowed.toString()).isZero();
    assertThat(allowed.out()).contains("is now in dev");
  }
}
