package dev.kargo4j.core.discovery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartIndexTest {
  @Test
  void keepsVersionTextAsWritten() {
    Map<String, List<String>> v = ChartIndex.parse(("""
        apiVersion: v1
        entries:
          demo:
          - version: 1.10
          - version: 0.1.0
          - version: 1e3
          - name: no-version
          other: []
        """), "test");
    assertThat(v.get("demo")).containsExactly("1.10", "0.1.0", "1e3");
    assertThat(v.get("other")).isEmpty();
  }

  @Test
  void toleratesIndexesWithoutEntriesAndRejectsBrokenYaml() {
    assertThat(ChartIndex.parse(("apiVersion: v1\n"), "u")).isEmpty();
    assertThatThrownBy(() -> ChartIndex.parse(("entries: [\n"), "http://x/index.yaml"))
        .isInstanceOf(KargoException.class).hasMessageContaining("http://x/index.yaml");
  }
}
