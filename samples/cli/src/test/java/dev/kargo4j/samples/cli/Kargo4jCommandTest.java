package dev.kargo4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end in-process over a pipeline of local steps (no server needed). */
class Kargo4jCommandTest {
  @TempDir Path tmp;
  CliRun cli;
  Path manifests;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRun(tmp.resolve("state"), Map.of());
    manifests = Path.of(getClass().getResource("/simple").toURI());
  }

  private CliRun.Result ok(String... args) {
    CliRun.Result r = cli.run(args);
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  private String createFreight(String tag) {
    CliRun.Result r = ok("create", "freight", "--warehouse", "app", "--image", "registry.example.com/team/app:" + tag);
    return r.out().replaceAll("(?s).*freight.kargo.akuity.io/([0-9a-f]{40}) created.*", "$1");
  }

  @Test
  void applyPrintsWhatChangedAndIsIdempotent() {
    CliRun.Result first = ok("apply", "-f", manifests.toString());
    assertThat(first.out()).contains("project.kargo.akuity.io/demo created", "stage.kargo.akuity.io/dev created (project demo)",
        "promotiontask.kargo.akuity.io/write created (project demo)");
    CliRun.Result again = ok("apply", "-f", manifests.toString());
    assertThat(again.out()).contains("stage.kargo.akuity.io/dev unchanged").doesNotContain("created");
    assertThat(ok("get", "projects").out()).contains("demo").contains("NAME").containsPattern("demo\\s+1\\s+3\\s+0\\s+0");
  }

  @Test
  void promoteFollowsEveryStepAndGetShowsTheResult() throws Exception {
    ok("apply", "-f", manifests.toString());
    String id = createFreight("1.2.3");

    CliRun.Result promoted = ok("promote", "--stage", "dev", "--freight", id);

    assertThat(promoted.out()).contains("[dev]", "queued", "file-write", "task-1::manifest", "Succeeded",
        "fail", "Skipped", "Freight ").contains("is now in dev");
    CliRun.Result stages = ok("get", "stages");
    assertThat(stages.out()).containsPattern("dev\\s+app\\s+\\S+\\s+registry.example.com/team/app:1.2.3\\s+Healthy\\s+Successful\\s+Succeeded");
    assertThat(stages.out()).containsPattern("staging\\s+dev\\s*\n");

    JsonNode json = new ObjectMapper().readTree(ok("get", "freight", id, "-o", "json").out());
    assertThat(json.path("kind").asText()).isEqualTo("Freight");
    assertThat(json.path("images").get(0).path("tag").asText()).isEqualTo("1.2.3");
    assertThat(json.path("status").path("currentlyIn").has("dev")).isTrue();

    // downstream: staging takes it from dev
    ok("promote", "--downstream-from", "dev", "--freight", id);
    assertThat(ok("get", "promotions").out()).containsPattern("staging\\.\\S+\\s+staging\\s+\\S+\\s+Succeeded\\s+2/2");
    assertThat(ok("get", "promotions", "-o", "yaml").out()).contains("kind: Promotion", "phase: Succeeded");
  }

  @Test
  void aFailedPromotionExitsWithOne() {
    ok("apply", "-f", manifests.toString());
    String id = createFreight("2.0.0");
    CliRun.Result r = cli.run("promote", "--stage", "broken", "--freight", id);
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("Failed", "the broken Stage always fails");
    assertThat(ok("get", "promotions", "--stage", "broken").out()).contains("Failed");
  }

  @Test
  void evalRendersTheStepsWithoutRunningThem() {
    ok("apply", "-f", manifests.toString());
    String id = createFreight("3.1.4");
    CliRun.Result r = ok("eval", "--stage", "staging", "--freight", id);
    assertThat(r.out()).contains("uses: file-write", "path: ./out/staging.yaml",
        "contents: \"image: registry.example.com/team/app:3.1.4\"", "if: false");
    assertThat(ok("get", "promotions").out()).contains("No Promotion found.");
  }

  @Test
  void graphsInThreeFormats() throws Exception {
    ok("apply", "-f", manifests.toString());
    String id = createFreight("1.0.0");
    ok("promote", "--stage", "dev", "--freight", id);
    assertThat(ok("graph").out()).startsWith("flowchart LR").contains("w_app --> s_dev", "s_dev --> s_staging",
        "style s_dev fill:#ef4444", "style s_staging fill:#0ea5e9");
    assertThat(ok("graph", "-o", "dot").out()).startsWith("digraph \"demo\"")
        .contains("\"s:dev\" -> \"s:staging\";", "fillcolor=\"#ef4444\"");
    Path html = tmp.resolve("out/pipeline.html");
    ok("graph", "-o", "html", "--out", html.toString());
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg", ">dev<", ">staging<", ">broken<", "verified",
        "1.0.0").doesNotContain("<script", "src=\"http", "href=\"http", "url(http", "@import");
  }

  @Test
  void badUsageAndBadManifestsExitWithTwoAndSayWhy() throws Exception {
    CliRun.Result none = cli.run("get", "stages");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("is empty: run `kargo4j apply -f <manifests>` first");

    CliRun.Result unknown = cli.run("promote", "--stage", "dev");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("--freight");

    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata: {name: qa, namespace: demo}
        spec:
          requestedFreight:
          - origin: {kind: Warehouse, name: nowhere}
            sources: {direct: true}
        """);
    CliRun.Result broken = cli.run("apply", "-f", bad.toString());
    assertThat(broken.code()).isEqualTo(2);
    assertThat(broken.err()).contains("Stage demo/qa", "spec.requestedFreight[0].origin", "Warehouse \"nowhere\"",
        "nothing was applied");

    Files.writeString(bad, "apiVersion: kargo.akuity.io/v1alpha1\nkind: Stage\nmetadata: {name: Bad_Name}\n");
    CliRun.Result invalid = cli.run("apply", "-f", bad.toString());
    assertThat(invalid.code()).isEqualTo(2);
    assertThat(invalid.err()).contains(bad.toString());

    ok("apply", "-f", manifests.toString());
    CliRun.Result noStage = cli.run("get", "stages", "nope");
    assertThat(noStage.code()).isEqualTo(2);
    assertThat(noStage.err()).contains("Stage \"nope\" not found; known: dev, staging, broken");
    CliRun.Result badImage = cli.run("create", "freight", "--warehouse", "app", "--image", "registry.example.com/app");
    assertThat(badImage.code()).isEqualTo(2);
    assertThat(badImage.err()).contains("give a tag");
  }

  @Test
  void approvalMakesFreightAvailableWithoutUpstream() {
    ok("apply", "-f", manifests.toString());
    String id = createFreight("4.0.0");
    CliRun.Result refused = cli.run("promote", "--stage", "staging", "--freight", id);
    assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
    ok("approve", "--freight", id, "--stage", "staging");
    assertThat(ok("promote", "--stage", "staging", "--freight", id).out()).contains("is now in staging");
  }

  @Test
  void helpListsTheCommands() {
    CliRun.Result r = cli.run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("apply", "get", "refresh", "create", "promote", "approve", "abort", "verify",
        "eval", "graph", "reconcile");
  }
}
