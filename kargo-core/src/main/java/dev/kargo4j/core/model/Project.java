package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.required;

import dev.kargo4j.core.model.internal.Checks;
import java.util.List;

/**
 * A Project (cluster-scoped; in Kargo a namespace). It has no spec; {@code conditions} is its
 * only status kept here.
 *
 * <p>Immutable and thread-safe.
 */
public record Project(ObjectMeta metadata, List<Condition> conditions) {
  /** Validates: the name must be an RFC 1123 label. */
  public Project {
    required("metadata", metadata);
    required("metadata.name", metadata.name());
    Checks.optionalLabel("metadata.name", metadata.name());
    conditions = list("conditions", conditions);
  }

  /** The name. */
  public String name() {
    return metadata.name();
  }
}
