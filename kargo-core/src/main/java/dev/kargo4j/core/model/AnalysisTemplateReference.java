package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.subdomain;

/**
 * A reference from a Stage's verification to an AnalysisTemplate: {@code name} and
 * {@code kind} (default AnalysisTemplate).
 *
 * <p>Immutable and thread-safe.
 */
public record AnalysisTemplateReference(String name, AnalysisTemplateKind kind) {
  /** Validates and applies the default kind. */
  public AnalysisTemplateReference {
    subdomain("name", name);
    kind = kind == null ? AnalysisTemplateKind.ANALYSIS_TEMPLATE : kind;
  }
}
