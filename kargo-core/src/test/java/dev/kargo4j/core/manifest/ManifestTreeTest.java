package dev.kargo4j.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Manifests#toTree} holds only JSON values, for every kind. */
class ManifestTreeTest {
  @Test
  void everyKindIsATreeOfJsonValues() {
    ManifestSet set = Manifests.loadString("all.yaml", EveryKindRoundTripTest.ALL);
    for (Object record : set.all()) {
      Map<String, Object> tree = Manifests.toTree(record);
      assertThat(tree).containsKeys("apiVersion", "kind", "metadata");
      assertJson(tree, record.getClass().getSimpleName());
    }
  }

  private static void assertJson(Object v, String path) {
    if (v instanceof Map<?, ?> m) {
      m.forEach((k, x) -> {
        assertThat(k).as(path).isInstanceOf(String.class);
        assertJson(x, path + "." + k);
      });
    } else if (v instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        assertJson(l.get(i), path + "[" + i + "]");
      }
    } else if (v != null) {
      assertThat(v).as(path).isInstanceOfAny(String.class, Boolean.class, Number.class);
    }
  }
}
