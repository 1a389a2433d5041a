package dev.kargo4j.core.spi;

import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;

/** What one health check sees: where it runs, its input, and its declared capabilities. */
public interface HealthCheckContext {

  String project();

  String stage();

  /** The check's input as the step registered it. */
  Map<String, Object> config();

  /** The input bound to a record, as {@link StepContext#config(Class)} does. */
  <T> T config(Class<T> type);

  /** A declared capability supplied by the host (see {@link StepContext#capability}). */
  <T> T capability(Capability<T> capability);

  Logger logger();

  Clock clock();
}
