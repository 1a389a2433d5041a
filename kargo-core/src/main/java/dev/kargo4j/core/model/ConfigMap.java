package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.map;
import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.subdomain;

import java.util.Map;

/**
 * A Kubernetes ConfigMap ({@code v1}), as read by Kargo's {@code configMap()} function.
 *
 * <p>Immutable and thread-safe.
 */
public record ConfigMap(ObjectMeta metadata, Map<String, String> data) {
  /** Validates and copies. */
  public ConfigMap {
    required("metadata", metadata);
    subdomain("metadata.name", metadata.name());
    data = map("data", data);
  }

  /** The name. */
  public String name() {
    return metadata.name();
  }
}
