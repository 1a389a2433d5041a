package dev.kargo4j.core.model;

/**
 * One entry of a Warehouse's {@code subscriptions}: exactly one type key ({@code git},
 * {@code image}, {@code chart}, or any other key for a generic subscription) plus the optional
 * sibling {@link #name()}. The name is an RFC 1123 label, unique per Warehouse, required for
 * generic subscriptions; it is copied into discovered artifacts as {@code subscriptionName} and
 * so changes Freight IDs.
 *
 * <p>Implementations are immutable, thread-safe records.
 */
public sealed interface Subscription
    permits GitSubscription, ImageSubscription, ChartSubscription, GenericSubscription {

  /** Kargo's default for {@code discoveryLimit}. */
  int DEFAULT_DISCOVERY_LIMIT = 20;

  /** The sibling {@code name}; empty when not set. */
  String name();

  /** The type key: {@code git}, {@code image}, {@code chart} or a generic type. */
  String type();

  /** How many candidates discovery keeps, 1..100 (default 20). */
  int discoveryLimit();
}
