package dev.kargo4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One {@code -o FORMAT} for {@code get}, {@code eval} and {@code graph}; graph's file is {@code --out FILE}. */
class OutputOptionTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  CliRun cli;
  String id;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRun(tmp.resolve("state"), Map.of());
    ok("apply", "-f", Path.of(getClass().getResource("/simple").toURI()).toString());
    id = ok("create", "freight", "--warehouse", "app", "--image", "registry.example.com/team/app:1.2.3", "--alias", "calm-otter")
        .out().replaceAll("(?s).*freight.kargo.akuity.io/([0-9a-f]{40}) created.*", "$1");
    ok("promote", "--stage", "dev", "--freight", id);
  }

  private CliRun.Result ok(String... args) {
    CliRun.Result r = cli.run(args);
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  @Test
  void getPrintsNamesAsKubectlDoes() {
    assertThat(ok("get", "stages", "-o", "name").out()).isEqualTo(
        "stage.kargo.akuity.io/dev\nstage.kargo.akuity.io/staging\nstage.kargo.akuity.io/broken\n");
    assertThat(ok("get", "freight", "calm-otter", "-o", "name").out()).isEqualTo("freight.kargo.akuity.io/" + id + "\n");
    assertThat(ok("get", "projects", "--output", "name").out()).isEqualTo("project.kargo.akuity.io/demo\n");
    assertThat(ok("get", "warehouses", "-o", "name").out()).isEqualTo("warehouse.kargo.akuity.io/app\n");
    assertThat(ok("get", "promotions", "-o", "name").out()).startsWith("promotion.kargo.akuity.io/dev.");
  }

  @Test
  void getJsonIsTheSameTreeAsItsYaml() throws Exception {
    for (String kind : List.of("projects", "warehouses", "stages", "freight", "promotions")) {
      JsonNode json = JSON.readTree(ok("get", kind, "-o", "json").out());
      assertThat(json.path("kind").asText()).isEqualTo("List");
      assertThat(json.path("items")).as(kind).isNotEmpty();
      assertThat(json.path("items")).as(kind).isEqualTo(yamlDocuments(ok("get", kind, "-o", "yaml").out()));
    }
    JsonNode one = JSON.readTree(ok("get", "freight", "calm-otter", "-o", "JSON").out());
    assertThat(one.path("kind").asText()).isEqualTo("Freight");
    assertThat(one.path("alias").asText()).isEqualTo("calm-otter");
    assertThat(one.path("status").path("currentlyIn").has("dev")).isTrue();
    // typed, not re-read from YAML text: an integer stays an integer
    JsonNode promotion = JSON.readTree(ok("get", "promotions", "-o", "json").out()).path("items").get(0);
    assertThat(promotion.path("status").path("currentStep").isIntegralNumber()).as(promotion.toString()).isTrue();
  }

  @Test
  void evalPrintsYamlJsonOrATable() throws Exception {
    String yaml = ok("eval", "--stage", "dev", "--freight", id).out();
    assertThat(yaml).contains("uses: file-write", "path: ./out/dev.yaml").doesNotStartWith("---");
    assertThat(ok("eval", "--stage", "dev", "--freight", id, "-o", "yaml").out()).isEqualTo(yaml);

    JsonNode json = JSON.readTree(ok("eval", "--stage", "dev", "--freight", id, "-o", "json").out());
    assertThat(json).isEqualTo(new YAMLMapper().readTree(yaml));
    assertThat(json.path("steps").get(0).path("config").path("path").asText()).isEqualTo("./out/dev.yaml");

    String table = ok("eval", "--stage", "dev", "--freight", id, "-o", "table").out();
    assertThat(table.lines().findFirst().orElseThrow()).matches("STEP\\s+USES\\s+IF\\s+CONFIG");
    assertThat(table).containsPattern("task-1::manifest\\s+file-write\\s+\\{\"path\":\"./out/dev.yaml\"")
        .containsPattern("task-1::step-2\\s+fail\\s+false\\s+\\{\"message\":\"the broken Stage always fails\"\\}");
    assertThat(cli.run("eval", "--stage", "dev", "--freight", id, "-o", "name").code()).isEqualTo(2);
  }

  @Test
  void graphTakesOAndWritesToOut() throws Exception {
    assertThat(ok("graph").out()).startsWith("flowchart LR");
    assertThat(ok("graph", "-o", "mermaid").out()).startsWith("flowchart LR");
    assertThat(ok("graph", "-o", "dot").out()).startsWith("digraph \"demo\"");
    assertThat(ok("graph", "--output", "html").out()).startsWith("<!DOCTYPE html>");

    Path page = tmp.resolve("site/pipeline.html");
    assertThat(ok("graph", "--out", page.toString()).out()).isEqualTo("wrote " + page + "\n");
    assertThat(Files.readString(page)).as("html, by the extension").startsWith("<!DOCTYPE html>").contains(">dev<");
    Path dot = tmp.resolve("pipeline.gv");
    ok("graph", "--out", dot.toString());
    assertThat(Files.readString(dot)).startsWith("digraph");
    Path forced = tmp.resolve("pipeline.html.txt");
    ok("graph", "-o", "dot", "--out", forced.toString());
    assertThat(Files.readString(forced)).startsWith("digraph");

    // the options before -o and --out still work, with a warning
    Path old = tmp.resolve("old.html");
    CliRun.Result deprecated = ok("graph", "--format", "html", "-O", old.toString());
    assertThat(deprecated.err()).contains("--format is deprecated; use -o html", "-O is deprecated; use --out");
    assertThat(Files.readString(old)).startsWith("<!DOCTYPE html>");
    assertThat(ok("graph", "--help").out()).doesNotContain("--format", "-O");
    assertThat(cli.run("graph", "-o", "png").code()).isEqualTo(2);
  }

  private static JsonNode yamlDocuments(String yaml) throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      var it = new YAMLMapper().readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        docs.add(it.next());
      }
    }
    return JSON.valueToTree(docs);
  }
}
