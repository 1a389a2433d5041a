package dev.kargo4j.core.spi;

import java.util.Objects;

/**
 * One measurement a {@link MetricProvider} took.
 *
 * @param value the measured value, JSON-like ({@code Long}, {@code Double}, {@code String},
 *     {@code Boolean}, lists, maps, or null); the metric's conditions see it as {@code result}
 * @param phase the phase the provider decided, or null to let the verifier evaluate the
 *     metric's {@code successCondition} and {@code failureCondition} over {@code value}
 * @param message a human-readable note (required for {@link Phase#ERROR}); never null
 */
public record MetricMeasurement(Object value, Phase phase, String message) {

  /** The phase of one measurement, as Argo Rollouts names it. */
  public enum Phase {
    /** {@code Successful} */
    SUCCESSFUL("Successful"),
    /** {@code Failed} */
    FAILED("Failed"),
    /** {@code Inconclusive} */
    INCONCLUSIVE("Inconclusive"),
    /** {@code Error}: the measurement could not be taken; it does not count towards count. */
    ERROR("Error");

    private final String label;

    Phase(String label) {
      this.label = label;
    }

    /** Argo Rollouts' spelling. */
    public String label() {
      return label;
    }
  }

  /** Null message becomes empty; an Error needs a message. */
  public MetricMeasurement {
    message = message == null ? "" : message;
    if (phase == Phase.ERROR && message.isEmpty()) {
      throw new IllegalArgumentException("an Error measurement needs a message");
    }
  }

  /** A value for the verifier to evaluate the metric's conditions over. */
  public static MetricMeasurement value(Object value) {
    return new MetricMeasurement(value, null, "");
  }

  /** A measurement whose phase the provider decided itself. */
  public static MetricMeasurement decided(Phase phase, Object value, String message) {
    return new MetricMeasurement(value, Objects.requireNonNull(phase, "phase"), message);
  }

  /** A measurement that could not be taken. */
  public static MetricMeasurement error(String message) {
    return new MetricMeasurement(null, Phase.ERROR, message);
  }
}
