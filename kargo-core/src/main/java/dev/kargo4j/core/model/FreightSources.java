package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.subdomain;

import java.time.Duration;
import java.util.List;

/**
 * Where a Stage accepts Freight from: {@code direct}ly from the origin and/or from upstream
 * {@code stages}, after {@code requiredSoakTime} (null for none) under
 * {@code availabilityStrategy} (default OneOf); {@code autoPromotionOptions} may be null
 * (NewestFreight). At least one of direct/stages is required; MatchUpstream needs exactly one
 * upstream Stage and no direct.
 *
 * <p>Immutable and thread-safe.
 */
public record FreightSources(
    boolean direct,
    List<String> stages,
    Duration requiredSoakTime,
    AvailabilityStrategy availabilityStrategy,
    AutoPromotionOptions autoPromotionOptions) {

  /** Validates and applies defaults. */
  public FreightSources {
    stages = list("stages", stages);
    dev.kargo4j.core.model.internal.Checks.goDuration("requiredSoakTime", requiredSoakTime);
    for (int i = 0; i < stages.size(); i++) {
      subdomain("stages[" + i + "]", stages.get(i));
    }
    if (!direct && stages.isEmpty()) {
      throw new InvalidModelException(
          "", "at least one of direct: true or a non-empty stages list is required");
    }
    if (requiredSoakTime != null && requiredSoakTime.isNegative()) {
      throw new InvalidModelException("requiredSoakTime", "must not be negative");
    }
    availabilityStrategy =
        availabilityStrategy == null ? AvailabilityStrategy.ONE_OF : availabilityStrategy;
    if (autoPromotionOptions != null
        && autoPromotionOptions.selectionPolicy() == AutoPromotionSelectionPolicy.MATCH_UPSTREAM) {
      if (direct) {
        throw new InvalidModelException(
            "autoPromotionOptions.selectionPolicy",
            "selection policy 'MatchUpstream' cannot be used when accepting Freight directly"
                + " from its origin");
      }
      if (stages.size() != 1) {
        throw new InvalidModelException(
            "autoPromotionOptions.selectionPolicy",
            "selection policy 'MatchUpstream' requires exactly one upstream Stage to be"
                + " specified");
      }
    }
  }

  /** Sources accepting Freight directly from the origin. */
  public static FreightSources directly() {
    return new FreightSources(true, List.of(), null, null, null);
  }

  /** Sources accepting Freight verified in the given upstream Stages. */
  public static FreightSources fromStages(String... upstream) {
    return new FreightSources(false, List.of(upstream), null, null, null);
  }

  /** The selection policy, defaulting to NewestFreight. */
  public AutoPromotionSelectionPolicy selectionPolicy() {
    return autoPromotionOptions == null
        ? AutoPromotionSelectionPolicy.NEWEST_FREIGHT
        : autoPromotionOptions.selectionPolicy();
  }
}
