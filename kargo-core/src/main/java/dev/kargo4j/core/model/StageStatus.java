package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.map;
import static dev.kargo4j.core.model.internal.Checks.str;

import dev.kargo4j.core.model.internal.JsonTrees;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Stage's status: {@code conditions}, {@code freightHistory} (at most 10 collections, newest
 * first; element 0 is the current Freight), {@code freightSummary}, {@code health} (null until
 * assessed), {@code currentPromotion} and {@code lastPromotion} (null when none),
 * {@code autoPromotionEnabled}, user {@code metadata} (key to JSON-like value), and the
 * auto-promotion holds keyed by origin. {@code lastHandledRefresh} and
 * {@code observedGeneration} are kept for fidelity.
 *
 * <p>Immutable and thread-safe.
 */
public record StageStatus(
    List<Condition> conditions,
    String lastHandledRefresh,
    List<FreightCollection> freightHistory,
    String freightSummary,
    Health health,
    long observedGeneration,
    PromotionReference currentPromotion,
    PromotionReference lastPromotion,
    boolean autoPromotionEnabled,
    Map<String, Object> metadata,
    Map<String, AutoPromotionHold> autoPromotionHolds,
    Map<String, AutoPromotionHold> effectiveAutoPromotionHolds) {

  /** Kargo keeps at most this many collections in the history. */
  public static final int MAX_FREIGHT_HISTORY = 10;

  /** The empty status. */
  public static final StageStatus EMPTY =
      new StageStatus(null, "", null, "", null, 0, null, null, false, null, null, null);

  /** Validates and copies. */
  public StageStatus {
    conditions = list("conditions", conditions);
    lastHandledRefresh = str(lastHandledRefresh);
    freightHistory = list("freightHistory", freightHistory);
    if (freightHistory.size() > MAX_FREIGHT_HISTORY) {
      throw new InvalidModelException(
          "freightHistory",
          "has " + freightHistory.size() + " entries; allowed: at most " + MAX_FREIGHT_HISTORY);
    }
    freightSummary = str(freightSummary);
    if (metadata == null || metadata.isEmpty()) {
      metadata = Map.of();
    } else {
      Map<String, Object> copy = new TreeMap<>();
      for (Map.Entry<String, Object> e : metadata.entrySet()) {
        if (e.getKey() == null || e.getKey().isEmpty()) {
          throw new InvalidModelException("metadata", "keys must not be empty");
        }
        copy.put(e.getKey(), JsonTrees.copy("metadata." + e.getKey(), e.getValue()));
      }
      metadata = Collections.unmodifiableMap(copy);
    }
    autoPromotionHolds = map("autoPromotionHolds", autoPromotionHolds);
    effectiveAutoPromotionHolds = map("effectiveAutoPromotionHolds", effectiveAutoPromotionHolds);
  }

  /** The current Freight collection (history element 0), or null. */
  public FreightCollection currentFreight() {
    return freightHistory.isEmpty() ? null : freightHistory.get(0);
  }

  /** Kargo's {@code FreightHistory.Record}: pushes {@code collection} on top, keeping 10. */
  public StageStatus withFreightRecorded(FreightCollection collection) {
    List<FreightCollection> copy = new ArrayList<>(freightHistory.size() + 1);
    copy.add(collection);
    copy.addAll(freightHistory);
    while (copy.size() > MAX_FREIGHT_HISTORY) {
      copy.remove(copy.size() - 1);
    }
    return withFreightHistory(copy);
  }

  /** A copy with another history. */
  public StageStatus withFreightHistory(List<FreightCollection> history) {
    return new StageStatus(conditions, lastHandledRefresh, history, freightSummary, health, observedGeneration, currentPromotion, lastPromotion, autoPromotionEnabled, metadata, autoPromotionHolds, effectiveAutoPromotionHolds);
  }

  /** A copy with other conditions. */
  public StageStatus withConditions(List<Condition> newConditions) {
    return new StageStatus(newConditions, lastHandledRefresh, freightHistory, freightSummary, health, observedGeneration, currentPromotion, lastPromotion, autoPromotionEnabled, metadata, autoPromotionHolds, effectiveAutoPromotionHolds);
  }

  /** A copy with another summary. */
  public StageStatus withFreightSummary(String summary) {
    return new StageStatus(conditions, lastHandledRefresh, freightHistory, summary, health, observedGeneration, currentPromotion, lastPromotion, autoPromotionEnabled, metadata, autoPromotionHolds, effectiveAutoPromotionHolds);
  }

  /** A copy with another health. */
  public StageStatus withHealth(Health newHealth) {
    return new StageStatus(conditions, lastHandledRefresh, freightHistory, freightSummary, newHealth, observedGeneration, currentPromotion, lastPromotion, autoPromotionEnabled, metadata, autoPromotionHolds, effectiveAutoPromotionHolds);
  }

  /** A copy with another current Promotion (null for none). */
  public StageStatus withCurrentPromotion(PromotionReference ref) {
    return new StageStatus(conditions, lastHandledRefresh, freightHistory, freightSummary, health, observedGeneration, ref, lastPromotion, autoPromotionEnabled, metadata, autoPromotionHolds, effectiveAutoPromotionHolds);
  }

  /** A copy with another last Promotion. */
  public StageStatus withLastPromotion(PromotionReference ref) {
    return new StageStatus(conditions, lastHandledRefresh, freightHistory, freightSummary, health, observedGeneration, currentPromotion, ref, autoPromotionEnabled, metadata, autoPromotionHolds, effectiveAutoPromotionHolds);
  }

  /** A copy with auto-promotion enabled or not. */
  public StageStatus withAutoPromotionEnabled(boolean enabled) {
    return new StageStatus(conditions, lastHandledRefresh, freightHistory, freightSummary, health, observedGeneration, currentPromotion, lastPromotion, enabled, metadata, autoPromotionHolds, effectiveAutoPromotionHolds);
  }

  /** A copy with one metadata entry set to a JSON-like value. */
  public StageStatus withMetadata(String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(metadata);
    copy.put(key, value);
    return new StageStatus(conditions, lastHandledRefresh, freightHistory, freightSummary, health, observedGeneration, currentPromotion, lastPromotion, autoPromotionEnabled, copy, autoPromotionHolds, effectiveAutoPromotionHolds);
  }

  /** A copy with other holds. */
  public StageStatus withAutoPromotionHolds(
      Map<String, AutoPromotionHold> holds, Map<String, AutoPromotionHold> effectiveHolds) {
    return new StageStatus(conditions, lastHandledRefresh, freightHistory, freightSummary, health, observedGeneration, currentPromotion, lastPromotion, autoPromotionEnabled, metadata, holds, effectiveHolds);
  }

  /** A copy with another handled refresh token. */
  public StageStatus withLastHandledRefresh(String token) {
    return new StageStatus(conditions, token, freightHistory, freightSummary, health, observedGeneration, currentPromotion, lastPromotion, autoPromotionEnabled, metadata, autoPromotionHolds, effectiveAutoPromotionHolds);
  }
}
