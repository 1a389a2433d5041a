package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.subdomain;

/**
 * A PromotionTask: reusable steps in one Project, referenced by {@code task: {name}}.
 *
 * <p>Immutable and thread-safe.
 */
public record PromotionTask(ObjectMeta metadata, PromotionTaskSpec spec) {
  /** Validates. */
  public PromotionTask {
    required("metadata", metadata);
    subdomain("metadata.name", metadata.name());
    required("spec", spec);
  }

  /** The name. */
  public String name() {
    return metadata.name();
  }
}
