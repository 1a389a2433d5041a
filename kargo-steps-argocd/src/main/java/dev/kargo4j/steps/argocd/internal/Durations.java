package dev.kargo4j.steps.argocd.internal;

import dev.kargo4j.expr.go.GoDuration;
import java.time.Duration;

/** The elapsed times the Argo CD steps print in messages, e.g. {@code 1m30s}. Thread-safe. */
public final class Durations {
  private Durations() {}

  /**
   * Go's {@code Duration.String()} of {@code d} truncated to whole seconds (a negative one,
   * from a clock set back, as zero): {@code 0s}, {@code 45s}, {@code 2m5s}, {@code 1h0m3s}.
   */
  public static String format(Duration d) {
    return GoDuration.format(GoDuration.truncate(d.isNegative() ? Duration.ZERO : d, GoDuration.SECOND));
  }
}
