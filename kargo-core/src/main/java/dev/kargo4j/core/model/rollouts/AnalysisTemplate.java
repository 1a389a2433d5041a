package dev.kargo4j.core.model.rollouts;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.subdomain;

import dev.kargo4j.core.model.ObjectMeta;

/**
 * An Argo Rollouts AnalysisTemplate ({@code argoproj.io/v1alpha1}); with
 * {@code clusterScoped} true it is a ClusterAnalysisTemplate (no namespace).
 *
 * <p>Immutable and thread-safe.
 */
public record AnalysisTemplate(ObjectMeta metadata, AnalysisTemplateSpec spec, boolean clusterScoped) {
  /** Validates. */
  public AnalysisTemplate {
    required("metadata", metadata);
    subdomain("metadata.name", metadata.name());
    required("spec", spec);
  }

  /** The name. */
  public String name() {
    return metadata.name();
  }
}
