package dev.kargo4j.core.spi;

import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What one measurement of one metric sees: the Stage being verified, the metric's name, the
 * JSON-like configuration under its provider key (with {@code {{args.x}}} placeholders already
 * replaced), the verification's resolved arguments and the provider's declared capabilities.
 * Built by the verifier per measurement; thread-safe for reading.
 */
public interface MetricContext {

  /** The Project (Kargo namespace). */
  String project();

  /** The Stage whose Freight is being verified. */
  String stage();

  /** The metric's {@code name}. */
  String metricName();

  /**
   * The configuration under the provider key as a JSON-like value (usually a map); an empty
   * map when the key has no value.
   */
  Object config();

  /** The resolved analysis arguments by name (values may contain secrets: never log them). */
  Map<String, String> args();

  /**
   * The value the host supplied for {@code capability}; fails with an
   * {@link InvalidConfigException} when the provider did not declare it or the host supplied
   * none.
   */
  <T> T capability(Capability<T> capability);

  /** A logger for this provider. Never log secrets. */
  Logger logger();

  /** The verifier's clock. */
  Clock clock();
}
