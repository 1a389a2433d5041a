package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.map;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector: {@code matchLabels} and {@code matchExpressions}, ANDed. An
 * empty selector matches everything.
 *
 * <p>Immutable and thread-safe.
 */
public record LabelSelector(
    Map<String, String> matchLabels, List<LabelSelectorRequirement> matchExpressions) {
  /** Copies. */
  public LabelSelector {
    matchLabels = map("matchLabels", matchLabels);
    matchExpressions = list("matchExpressions", matchExpressions);
  }

  /** Whether the selector is empty. */
  public boolean isEmpty() {
    return matchLabels.isEmpty() && matchExpressions.isEmpty();
  }

  /** Whether {@code labels} satisfy every label and expression. */
  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (LabelSelectorRequirement r : matchExpressions) {
      String v = labels.get(r.key());
      boolean ok;
      switch (r.operator()) {
        case IN:
          ok = v != null && r.values().contains(v);
          break;
        case NOT_IN:
          ok = v == null || !r.values().contains(v);
          break;
        case EXISTS:
          ok = v != null;
          break;
        default:
          ok = v == null;
          break;
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
