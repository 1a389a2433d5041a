package dev.kargo4j.steps.argocd.internal;

import java.time.Duration;

/** Go-style duration text for messages, e.g. {@code 1m30s}. Thread-safe. */
public final class Durations {
  private Durations() {}

  /** {@code d} rounded down to seconds, e.g. {@code 0s}, {@code 45s}, {@code 2m5s}, {@code 1h0m3s}. */
  public static String format(Duration d) {
    long s = Math.max(0, d.getSeconds());
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    if (h > 0) {
      return h + "h" + m + "m" + sec + "s";
    }
    if (m > 0) {
      return m + "m" + sec + "s";
    }
    return sec + "s";
  }
}
