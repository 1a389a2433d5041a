package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.str;

/**
 * A tag seen at discovery: its {@code name} and the commit {@code id} it points to.
 *
 * <p>Immutable and thread-safe.
 */
public record DiscoveredRef(String name, String id) {
  /** Null strings become empty. */
  public DiscoveredRef {
    name = str(name);
    id = str(id);
  }
}
