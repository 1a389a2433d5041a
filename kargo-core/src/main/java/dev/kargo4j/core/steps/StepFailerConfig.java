package dev.kargo4j.core.steps;

import dev.kargo4j.core.steps.internal.ConfigChecks;

/**
 * The config of the {@code fail} step (Kargo's {@code FailConfig}).
 *
 * @param message why the promotion fails; optional, not empty when set
 */
public record StepFailerConfig(String message) {
  public StepFailerConfig {
    ConfigChecks.optionalNonEmpty(message, "message");
  }
}
