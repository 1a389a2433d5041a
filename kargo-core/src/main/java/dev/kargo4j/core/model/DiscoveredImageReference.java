package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.map;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.time.Instant;
import java.util.Map;

/**
 * An image found by discovery: {@code tag}, {@code digest}, {@code annotations} and
 * {@code createdAt} (may be null).
 *
 * <p>Immutable and thread-safe.
 */
public record DiscoveredImageReference(
    String tag, String digest, Map<String, String> annotations, Instant createdAt) {
  /** Copies. */
  public DiscoveredImageReference {
    tag = str(tag);
    digest = str(digest);
    annotations = map("annotations", annotations);
  }
}
