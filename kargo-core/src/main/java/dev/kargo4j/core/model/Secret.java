package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.map;
import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.subdomain;

import java.util.Map;

/**
 * A Kubernetes Secret ({@code v1}) without the credentials label, as read by Kargo's
 * {@code secret()} function: decoded {@code data} (from {@code data}, base64, and
 * {@code stringData}). {@link #toString()} never shows values.
 *
 * <p>Immutable and thread-safe.
 */
public record Secret(ObjectMeta metadata, Map<String, String> data) {
  /** Validates and copies. */
  public Secret {
    required("metadata", metadata);
    subdomain("metadata.name", metadata.name());
    data = map("data", data);
  }

  /** The name. */
  public String name() {
    return metadata.name();
  }

  /** Shows the keys only. */
  @Override
  public String toString() {
    return "Secret[" + metadata.namespace() + "/" + metadata.name() + ", keys=" + data.keySet() + "]";
  }
}
