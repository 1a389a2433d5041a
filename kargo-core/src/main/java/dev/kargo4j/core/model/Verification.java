package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;

import java.util.List;

/**
 * A Stage's {@code verification}: the {@code analysisTemplates} to run, extra
 * {@code analysisRunMetadata} (null when absent) and {@code args}.
 *
 * <p>Immutable and thread-safe.
 */
public record Verification(
    List<AnalysisTemplateReference> analysisTemplates,
    AnalysisRunMetadata analysisRunMetadata,
    List<AnalysisRunArgument> args) {
  /** Copies. */
  public Verification {
    analysisTemplates = list("analysisTemplates", analysisTemplates);
    args = list("args", args);
  }
}
