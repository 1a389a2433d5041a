package dev.kargo4j.core.model.rollouts;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.time.Duration;

/**
 * One metric of an AnalysisTemplate: {@code name}, measurement {@code interval} and
 * {@code initialDelay} (null when absent), {@code count}, {@code successCondition} and
 * {@code failureCondition} (expressions over {@code result}), the limits ({@code failureLimit},
 * {@code inconclusiveLimit}, {@code consecutiveErrorLimit}, {@code consecutiveSuccessLimit};
 * null when absent, Argo's defaults apply) and the {@code provider}.
 *
 * <p>Immutable and thread-safe.
 */
public record Metric(
    String name,
    Duration interval,
    Duration initialDelay,
    IntOrString count,
    String successCondition,
    String failureCondition,
    IntOrString failureLimit,
    IntOrString inconclusiveLimit,
    IntOrString consecutiveErrorLimit,
    IntOrString consecutiveSuccessLimit,
    MetricProvider provider) {

  /** Validates. */
  public Metric {
    required("name", name);
    dev.kargo4j.core.model.internal.Checks.goDuration("interval", interval);
    dev.kargo4j.core.model.internal.Checks.goDuration("initialDelay", initialDelay);
    successCondition = str(successCondition);
    failureCondition = str(failureCondition);
    required("provider", provider);
  }
}
