package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.subdomain;

/**
 * A ClusterPromotionTask: reusable steps shared by all Projects (no namespace), referenced by
 * {@code task: {name, kind: ClusterPromotionTask}}.
 *
 * <p>Immutable and thread-safe.
 */
public record ClusterPromotionTask(ObjectMeta metadata, PromotionTaskSpec spec) {
  /** Validates. */
  public ClusterPromotionTask {
    required("metadata", metadata);
    subdomain("metadata.name", metadata.name());
    required("spec", spec);
  }

  /** The name. */
  public String name() {
    return metadata.name();
  }
}
