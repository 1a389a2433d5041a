package dev.kargo4j.core.pipeline.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.AutoPromotionSelectionPolicy;
import dev.kargo4j.core.model.AvailabilityStrategy;
import dev.kargo4j.core.model.CurrentStage;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.FreightSources;
import dev.kargo4j.core.model.ProjectConfig;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionPolicy;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.VerifiedStage;
import dev.kargo4j.core.steps.internal.Glob;
import dev.kargo4j.expr.GoRegexp;
import dev.kargo4j.expr.InvalidRegexpException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kargo's availability, soak, candidate and policy rules as pure functions: {@code
 * Stage.IsFreightAvailable}, {@code Freight.GetLongestSoak}/{@code HasSoakedIn},
 * {@code SelectAutoPromotionCandidates}, {@code findMatchingPromotionPolicy} and the
 * Promotion queue order {@code ComparePromotionByPhaseAndCreationTime}. Stateless.
 */
public final class Availability {
  private Availability() {}

  /** Kargo's {@code Stage.IsFreightAvailable}, with {@code now} for soak times. */
  public static boolean isFreightAvailable(Stage stage, Freight freight, Instant now) {
    if (stage == null || freight == null || !stage.project().equals(freight.project())) {
      return false;
    }
    for (FreightRequest req : stage.spec().requestedFreight()) {
      if (!freight.origin().equals(req.origin())) {
        continue;
      }
      if (freight.isApprovedFor(stage.name())) {
        return true;
      }
      FreightSources src = req.sources();
      if (src.direct()) {
        return true;
      }
      if (src.availabilityStrategy() == AvailabilityStrategy.ALL) {
        for (String upstream : src.stages()) {
          if (!freight.isVerifiedIn(upstream) || !hasSoakedIn(freight, upstream, src.requiredSoakTime(), now)) {
            return false;
          }
        }
        return true;
      }
      for (String upstream : src.stages()) {
        if (freight.isVerifiedIn(upstream) && hasSoakedIn(freight, upstream, src.requiredSoakTime(), now)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Kargo's {@code GetLongestSoak}: 0 unless verified in the Stage; else max(longest completed, current). */
  public static Duration longestSoak(Freight freight, String stage, Instant now) {
    VerifiedStage verified = freight.status().verifiedIn().get(stage);
    if (verified == null) {
      return Duration.ZERO;
    }
    Duration longest = verified.longestSoak() == null ? Duration.ZERO : verified.longestSoak();
    Duration current = Duration.ZERO;
    CurrentStage in = freight.status().currentlyIn().get(stage);
    if (in != null && in.since() != null) {
      current = Duration.between(in.since(), now);
    }
    return longest.compareTo(current) >= 0 ? longest : current;
  }

  /** Kargo's {@code HasSoakedIn}: a null requirement is always met. */
  public static boolean hasSoakedIn(Freight freight, String stage, Duration required, Instant now) {
    return required == null || longestSoak(freight, stage, now).compareTo(required) >= 0;
  }

  /**
   * When Freight that is verified but still soaking in one of the Stage's upstream Stages will
   * have soaked long enough, if it is still there and that is in the future.
   */
  public static Optional<Instant> soakCompletes(Stage stage, Freight freight, Instant now) {
    Instant earliest = null;
    for (FreightRequest req : stage.spec().requestedFreight()) {
      Duration required = req.sources().requiredSoakTime();
      if (!freight.origin().equals(req.origin()) || required == null) {
        continue;
      }
      for (String upstream : req.sources().stages()) {
        CurrentStage in = freight.status().currentlyIn().get(upstream);
        if (!freight.isVerifiedIn(upstream) || in == null || in.since() == null
            || hasSoakedIn(freight, upstream, required, now)) {
          continue;
        }
        Instant at = in.since().plus(required);
        if (at.isAfter(now) && (earliest == null || at.isBefore(earliest))) {
          earliest = at;
        }
      }
    }
    return Optional.ofNullable(earliest);
  }

  /**
   * Kargo's {@code SelectAutoPromotionCandidates}: per requested origin, the available Freight
   * discovered last (then greatest name); MatchUpstream skips an origin with more than one.
   */
  public static Map<String, Freight> candidates(Stage stage, List<Freight> available) {
    Map<String, List<Freight>> byOrigin = new HashMap<>();
    for (Freight f : available) {
      byOrigin.computeIfAbsent(f.origin().toString(), k -> new ArrayList<>()).add(f);
    }
    Map<String, Freight> out = new LinkedHashMap<>();
    for (FreightRequest req : stage.spec().requestedFreight()) {
      String origin = req.origin().toString();
      List<Freight> freight = byOrigin.getOrDefault(origin, List.of());
      if (freight.isEmpty()) {
        continue;
      }
      if (req.sources().selectionPolicy() == AutoPromotionSelectionPolicy.MATCH_UPSTREAM && freight.size() > 1) {
        continue;
      }
      List<Freight> sorted = new ArrayList<>(freight);
      sorted.sort(Comparator.comparing((Freight f) -> discoveredAt(f)).reversed()
          .thenComparing(Freight::name, (a, b) -> b.compareTo(a)));
      out.put(origin, sorted.get(0));
    }
    return out;
  }

  private static Instant discoveredAt(Freight f) {
    Instant t = f.effectiveDiscoveredAt();
    return t == null ? Instant.EPOCH : t;
  }

  /**
   * Kargo's {@code findMatchingPromotionPolicy}: the first policy whose name pattern (exact,
   * {@code regex:}/{@code regexp:} or {@code glob:}; empty matches all) and label selector match.
   *
   * @throws KargoException for a malformed pattern
   */
  public static Optional<PromotionPolicy> matchingPolicy(ProjectConfig config, Stage stage) {
    if (config == null) {
      return Optional.empty();
    }
    for (PromotionPolicy p : config.spec().promotionPolicies()) {
      String name = p.stageSelector().name();
      if (!name.isEmpty() && !nameMatches(name, stage.name())) {
        continue;
      }
      if (p.stageSelector().labelSelector() != null
          && !p.stageSelector().labelSelector().matches(stage.metadata().labels())) {
        continue;
      }
      return Optional.of(p);
    }
    return Optional.empty();
  }

  /** Kargo's {@code IsAutoPromotionEnabled}. */
  public static boolean autoPromotionEnabled(ProjectConfig config, Stage stage) {
    return matchingPolicy(config, stage).map(PromotionPolicy::autoPromotionEnabled).orElse(false);
  }

  /** Kargo's {@code pattern.ParseNamePattern} applied to {@code name}. */
  static boolean nameMatches(String pattern, String name) {
    try {
      if (pattern.startsWith("glob:")) {
        return Glob.compile(pattern.substring("glob:".length())).matches(name);
      }
      if (pattern.startsWith("regex:")) {
        return GoRegexp.compile(pattern.substring("regex:".length())).matchString(name);
      }
      if (pattern.startsWith("regexp:")) {
        return GoRegexp.compile(pattern.substring("regexp:".length())).matchString(name);
      }
    } catch (IllegalArgumentException | InvalidRegexpException e) {
      String why = e instanceof InvalidRegexpException r ? r.reason() : e.getMessage();
      throw new KargoException("ProjectConfig promotion policy: error parsing name pattern \"" + pattern
          + "\": " + why + "; allowed: an exact name, regex:<re>, regexp:<re> or glob:<glob>", e);
    }
    return pattern.equals(name);
  }

  /**
   * Kargo's {@code ComparePromotionByPhaseAndCreationTime}: Running first, then other
   * non-terminal ones by name ascending (FIFO), then terminal ones by name descending.
   */
  public static int compareForQueue(Promotion a, Promotion b) {
    int pa = rank(a.status().phase());
    int pb = rank(b.status().phase());
    if (pa != pb) {
      return Integer.compare(pa, pb);
    }
    if (pa < 2) {
      return a.name().compareTo(b.name());
    }
    return b.name().compareTo(a.name());
  }

  private static int rank(PromotionPhase p) {
    if (p == PromotionPhase.RUNNING) {
      return 0;
    }
    return p == null || !p.isTerminal() ? 1 : 2;
  }
}
