package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.subdomain;

/**
 * A ProjectConfig: at most one per Project, named after it. {@code spec} is never null.
 *
 * <p>Immutable and thread-safe.
 */
public record ProjectConfig(ObjectMeta metadata, ProjectConfigSpec spec) {
  /** Validates. */
  public ProjectConfig {
    required("metadata", metadata);
    subdomain("metadata.name", metadata.name());
    spec = spec == null ? new ProjectConfigSpec(null, null) : spec;
  }

  /** The name (equal to the Project's). */
  public String name() {
    return metadata.name();
  }
}
