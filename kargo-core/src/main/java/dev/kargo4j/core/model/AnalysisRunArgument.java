package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.str;

/**
 * An argument passed to the AnalysisTemplates of a Stage's verification: {@code name} and
 * {@code value} (may contain expressions over {@code ctx} and {@code vars}).
 *
 * <p>Immutable and thread-safe.
 */
public record AnalysisRunArgument(String name, String value) {
  /** Validates. */
  public AnalysisRunArgument {
    required("name", name);
    value = str(value);
  }
}
