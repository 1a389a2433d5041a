package dev.kargo4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The three renderings of a pipeline in the kargo-advanced shape. */
class PipelineGraphTest {
  @Test
  void htmlShowsEveryStageWithColourFreightAndVerification() throws Exception {
    String html = new AdvancedShape().graph().html();
    for (String stage : new String[] {"dev", "staging", "ab-test-a", "ab-test-b", "prod", "prod-west",
        "prod-central", "prod-east"}) {
      assertThat(html).contains("class=\"stage-name\">" + stage + "</text>");
    }
    assertThat(html).contains("fill=\"#0ea5e9\"", "fill=\"#f59e0b\"", "fill=\"#84cc16\"", "fill=\"#14b8a6\"",
        "fill=\"#3b82f6\"", "fill=\"#8b5cf6\"", "fill=\"#a855f7\"", "fill=\"#d946ef\"");
    assertThat(html).contains(">calm-otter (", ">brave-tiger (", ">verified<", ">verification failed<",
        ">verifying<", ">control flow<", ">promoting<", "greeter:1.5.0", "greeter:1.4.0");
    // 2 + 1 + 1 + 1 + 2 + 3 edges: warehouse->dev, dev->staging, staging->A, staging->B, A->prod, B->prod, prod->3 regions
    assertThat(html.split("class=\"edge\"", -1)).hasSize(10);
  }

  @Test
  void mermaidAndDotNameEveryEdge() throws Exception {
    AdvancedShape shape = new AdvancedShape();
    String mermaid = shape.graph().mermaid();
    assertThat(mermaid).contains("w_greeter --> s_dev", "s_staging --> s_ab_test_a", "s_ab_test_b --> s_prod",
        "s_prod --> s_prod_east", "style s_prod fill:#3b82f6");
    String dot = shape.graph().dot();
    assertThat(dot).contains("\"s:ab-test-a\" -> \"s:prod\";", "\"w:greeter\" -> \"s:dev\";",
        "label=\"ab-test-b\\nbrave-tiger (");
  }

  @Test
  void unknownColoursAreGreyAndHexColoursAreKept() throws Exception {
    String yaml = """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata: {name: a, namespace: p, annotations: {kargo.akuity.io/color: "#FF8800"}}
        spec:
          requestedFreight: [{origin: {kind: Warehouse, name: w}, sources: {direct: true}}]
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata: {name: b, namespace: p, annotations: {kargo.akuity.io/color: chartreuse}}
        spec:
          requestedFreight: [{origin: {kind: Warehouse, name: w}, sources: {direct: true}}]
        """;
    var set = dev.kargo4j.core.manifest.Manifests.loadString("s.yaml", yaml);
    String mermaid = PipelineGraph.of("p", java.util.List.of(), set.stages(), java.util.List.of()).mermaid();
    assertThat(mermaid).contains("style s_a fill:#ff8800", "style s_b fill:#94a3b8", "w_w[(\"w<br/><i>Warehouse</i>\")]");
  }
}
