package dev.kargo4j.core.model.rollouts;

/**
 * A metric's {@code provider}: exactly one provider key. The {@code web} provider is typed
 * ({@link WebMetricProvider}); every other provider is kept as a {@link GenericMetricProvider}
 * for a {@code MetricProvider} plug-in.
 *
 * <p>Implementations are immutable, thread-safe records.
 */
public sealed interface MetricProvider permits WebMetricProvider, GenericMetricProvider {
  /** The provider key, e.g. {@code web}, {@code prometheus}. */
  String type();
}
