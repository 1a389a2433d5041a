package dev.kargo4j.steps.git;

import java.util.Objects;

/**
 * A tag as {@code ls-remote} shows it.
 *
 * @param name the tag name without {@code refs/tags/}
 * @param id the object the ref points to (the tag object for annotated tags)
 */
public record DiscoveredRef(String name, String id) {
  public DiscoveredRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
  }
}
