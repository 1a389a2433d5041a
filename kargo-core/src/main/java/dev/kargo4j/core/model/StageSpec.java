package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Stage's spec: Stage {@code vars}, {@code requestedFreight} (at least one, origins unique),
 * the {@code promotionTemplate} (null for a control-flow Stage) and {@code verification} (null
 * when absent). {@code shard} is kept for fidelity.
 *
 * <p>Immutable and thread-safe.
 */
public record StageSpec(
    String shard,
    List<ExpressionVariable> vars,
    List<FreightRequest> requestedFreight,
    PromotionTemplate promotionTemplate,
    Verification verification) {

  /** Validates. */
  public StageSpec {
    shard = str(shard);
    vars = list("vars", vars);
    requestedFreight = list("requestedFreight", requestedFreight);
    if (requestedFreight.isEmpty()) {
      throw new InvalidModelException("requestedFreight", "at least one entry is required");
    }
    Set<String> origins = new HashSet<>();
    for (int i = 0; i < requestedFreight.size(); i++) {
      String origin = requestedFreight.get(i).origin().toString();
      if (!origins.add(origin)) {
        throw new InvalidModelException(
            "requestedFreight[" + i + "].origin",
            "freight with origin " + origin + " requested multiple times");
      }
    }
  }
}
