package dev.kargo4j.steps.argocd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.model.PromotionStepStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizedStagesTest {
  @Test
  void parsesCommaSeparatedPairsAndIgnoresBlanks() {
    assertThat(AuthorizedStages.parse(" a:b , ,c : d,"))
        .containsExactly(new AuthorizedStages.Entry("a", "b"), new AuthorizedStages.Entry("c", "d"));
  }

  @Test
  void rejectsMalformedEntriesAndGlobs() {
    assertThatThrownBy(() -> AuthorizedStages.parse("a"))
        .hasMessage("invalid authorized Stage 'a': expected format '<project>:<stage>'");
    assertThatThrownBy(() -> AuthorizedStages.parse("a:")).hasMessageContaining("expected format");
    assertThatThrownBy(() -> AuthorizedStages.parse("*:b")).hasMessageContaining("glob expressions are no longer supported");
    assertThatThrownBy(() -> AuthorizedStages.parse(" , ")).hasMessage("no authorized Stages found in ' , '");
  }

  @Test
  void phasesAggregateInKargosOrder() {
    assertThat(OperationPhases.aggregate(List.of("Succeeded", "Running"))).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(OperationPhases.aggregate(List.of("Succeeded", "Terminating"))).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(OperationPhases.aggregate(List.of("Running", "Error"))).isEqualTo(PromotionStepStatus.ERRORED);
    assertThat(OperationPhases.aggregate(List.of("Succeeded"))).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(OperationPhases.aggregate(List.of("Succeeded", "Weird"))).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(OperationPhases.aggregate(List.of("Weird"))).isNull();
    assertThat(OperationPhases.aggregate(List.of())).isNull();
    assertThat(OperationPhases.completed("Error")).isTrue();
    assertThat(OperationPhases.completed("Terminating")).isFalse();
  }

  @Test
  void cliWordsSplitLikeAShell() {
    assertThat(CliOptions.split("--a 'b c' \"d\"e  f")).containsExactly("--a", "b c", "de", "f");
    assertThatThrownBy(() -> CliOptions.split("--a 'b")).hasMessage("ARGOCD_OPTS: unterminated quote");
    CliOptions o = CliOptions.parse("--insecure --plaintext=false -H 'X-A: 1' --grpc-web-root-path /argo/");
    assertThat(o.insecure()).isTrue();
    assertThat(o.plaintext()).isFalse();
    assertThat(o.headers()).containsEntry("X-A", "1");
    assertThat(o.rootPath()).isEqualTo("/argo/");
  }

  @Test
  void durationsReadLikeGo() {
    assertThat(Durations.format(java.time.Duration.ofSeconds(0))).isEqualTo("0s");
    assertThat(Durations.format(java.time.Duration.ofSeconds(125))).isEqualTo("2m5s");
    assertThat(Durations.format(java.time.Duration.ofSeconds(3603))).isEqualTo("1h0m3s");
    assertThat(DefaultNamespace.from(k -> null)).isEqualTo("argocd");
    assertThat(DefaultNamespace.from(k -> k.equals("ARGOCD_NAMESPACE") ? "gitops" : null)).isEqualTo("gitops");
    assertThat(DefaultNamespace.from(k -> "")).isEqualTo("argocd");
  }
}
