package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;

import java.util.List;

/**
 * A ProjectConfig's spec: {@code promotionPolicies} (tried in order, first match wins) and
 * {@code webhookReceivers}.
 *
 * <p>Immutable and thread-safe.
 */
public record ProjectConfigSpec(
    List<PromotionPolicy> promotionPolicies, List<WebhookReceiver> webhookReceivers) {
  /** Copies. */
  public ProjectConfigSpec {
    promotionPolicies = list("promotionPolicies", promotionPolicies);
    webhookReceivers = list("webhookReceivers", webhookReceivers);
  }
}
