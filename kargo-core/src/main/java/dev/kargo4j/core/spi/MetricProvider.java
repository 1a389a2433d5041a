package dev.kargo4j.core.spi;

import java.util.Set;

/**
 * Takes measurements for one kind of Argo Rollouts metric provider other than the built-in
 * {@code web} (e.g. {@code prometheus}, {@code datadog}, a host's own), keyed by the provider
 * key an AnalysisTemplate's metric uses under {@code provider:}. Found like step runners,
 * through {@link java.util.ServiceLoader} or explicit registration in a
 * {@code dev.kargo4j.core.verification.MetricProviderRegistry}.
 *
 * <p>Each call takes one measurement. A provider either returns the measured value and lets
 * the verifier evaluate the metric's {@code successCondition}/{@code failureCondition} over it
 * ({@link MetricMeasurement#value}), or decides the phase itself
 * ({@link MetricMeasurement#decided}). A thrown exception, like
 * {@link MetricMeasurement#error}, records an Error measurement with the exception's message;
 * errors count towards the metric's {@code consecutiveErrorLimit}.
 *
 * <p>Implementations are thread-safe; measurements of different verifications run
 * concurrently.
 */
public interface MetricProvider {

  /** The provider key, e.g. {@code prometheus}; never {@code web}, which is built in. */
  String type();

  /** The capabilities this provider needs (e.g. an HTTP client). */
  default Set<Capability<?>> capabilities() {
    return Set.of();
  }

  /**
   * Takes one measurement.
   *
   * @param context the metric's provider configuration (arguments already substituted) and
   *     where it runs
   * @return the measurement, never null
   */
  MetricMeasurement measure(MetricContext context);
}
