package dev.kargo4j.core.oci;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One platform of an image: for an image index, one of its manifests (the descriptor's
 * {@code platform} and {@code annotations}); for a single image, the platform its config names.
 *
 * <p>Immutable and thread-safe.
 *
 * @param platform the platform
 * @param digest the digest of this platform's image manifest
 * @param createdAt when it was built (annotation, label or config {@code created}); null when unknown
 * @param annotations the index descriptor's annotations (index entries) or empty (single images)
 */
public record OciPlatformImage(OciPlatform platform, String digest, Instant createdAt, Map<String, String> annotations) {
  /** Copies. */
  public OciPlatformImage {
    Objects.requireNonNull(platform, "platform");
    digest = digest == null ? "" : digest;
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
