package dev.kargo4j.core.pipeline;

import dev.kargo4j.expr.EvalLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ProjectRuntime} runs Warehouse discovery (see
 * {@link ProjectRuntime.Builder#discovery(dev.kargo4j.core.discovery.SubscriptionSourceRegistry,
 * DiscoveryOptions)}): whether it discovers each Warehouse by itself when its
 * {@code spec.interval} has passed ({@link #scheduled()}, the default) or only on request
 * ({@link ProjectRuntime#refreshWarehouse}), the smallest interval it honours (Kargo's system
 * minimum), and the limits for evaluating {@code freightCreationCriteria}.
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return copies.
 */
public final class DiscoveryOptions {
  private static final DiscoveryOptions DEFAULTS = new DiscoveryOptions(true, Duration.ZERO, EvalLimits.defaults());

  private final boolean scheduled;
  private final Duration minimumInterval;
  private final EvalLimits expressionLimits;

  private DiscoveryOptions(boolean scheduled, Duration minimumInterval, EvalLimits expressionLimits) {
    this.scheduled = scheduled;
    this.minimumInterval = minimumInterval;
    this.expressionLimits = expressionLimits;
  }

  /** Scheduled by interval, no minimum interval, {@link EvalLimits#defaults()}. */
  public static DiscoveryOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Discovery only when asked ({@link ProjectRuntime#refreshWarehouse}), for hosts that run a
   * command and exit (a CLI) and must not reach registries on their own.
   */
  public static DiscoveryOptions onDemand() {
    return DEFAULTS.withScheduled(false);
  }

  /** Whether the runtime discovers each Warehouse by itself when it is due. */
  public boolean scheduled() {
    return scheduled;
  }

  /** The smallest interval between scheduled discoveries of a Warehouse. */
  public Duration minimumInterval() {
    return minimumInterval;
  }

  /** The limits for evaluating {@code freightCreationCriteria}. */
  public EvalLimits expressionLimits() {
    return expressionLimits;
  }

  /** A copy that does ({@code true}) or does not discover Warehouses when they are due. */
  public DiscoveryOptions withScheduled(boolean scheduled) {
    return new DiscoveryOptions(scheduled, minimumInterval, expressionLimits);
  }

  /**
   * A copy with another minimum interval: a Warehouse whose {@code spec.interval} is shorter is
   * discovered at this interval (Kargo's {@code GetInterval}).
   *
   * @throws IllegalArgumentException when negative
   */
  public DiscoveryOptions withMinimumInterval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("minimumInterval must not be negative, was " + interval);
    }
    return new DiscoveryOptions(scheduled, interval, expressionLimits);
  }

  /** A copy with other limits for {@code freightCreationCriteria}. */
  public DiscoveryOptions withExpressionLimits(EvalLimits limits) {
    return new DiscoveryOptions(scheduled, minimumInterval, Objects.requireNonNull(limits, "limits"));
  }

  @Override
  public String toString() {
    return "DiscoveryOptions[scheduled=" + scheduled + ", minimumInterval=" + minimumInterval + "]";
  }
}
