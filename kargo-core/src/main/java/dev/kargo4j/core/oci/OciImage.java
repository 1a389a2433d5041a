package dev.kargo4j.core.oci;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What discovery needs to know about the image a tag points to, as Kargo computes it.
 *
 * <ul>
 *   <li>{@code digest}: the digest of the tag's manifest or index.
 *   <li>{@code createdAt}: for a single image, the {@code org.opencontainers.image.created} (or
 *       {@code org.label-schema.build-date}) manifest annotation, else the later of the config's
 *       {@code created} and such a config label; for an index, such an index annotation, else
 *       the newest of its platforms. Null when nothing says.
 *   <li>{@code annotations}: the manifest's or index's own annotations.
 *   <li>{@code labels}: the config labels of a single image; empty for an index.
 *   <li>{@code platforms}: for an index, its entries with a known platform; for a single image,
 *       the one platform its config names (none when the config names none).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public record OciImage(
    String digest,
    String mediaType,
    Instant createdAt,
    Map<String, String> annotations,
    Map<String, String> labels,
    List<OciPlatformImage> platforms) {

  /** OCI image index media type. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  /** Docker manifest list media type. */
  public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  /** OCI image manifest media type. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  /** Docker image manifest (schema 2) media type. */
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

  /** Copies. */
  public OciImage {
    Objects.requireNonNull(digest, "digest");
    mediaType = mediaType == null ? "" : mediaType;
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
  }

  /** Whether the tag points to an image index (or Docker manifest list). */
  public boolean isIndex() {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  /** The platform image matching {@code platform}, if any. */
  public Optional<OciPlatformImage> platform(OciPlatform platform) {
    for (OciPlatformImage p : platforms) {
      if (p.platform().matches(platform)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * The annotations Kargo records for this image: its own, overlaid with those of the
   * {@code platform}'s index entry when a platform is given and found.
   */
  public Map<String, String> annotationsFor(OciPlatform platform) {
    if (platform == null) {
      return annotations;
    }
    Optional<OciPlatformImage> p = platform(platform);
    if (p.isEmpty() || p.get().annotations().isEmpty()) {
      return annotations;
    }
    Map<String, String> merged = new LinkedHashMap<>(annotations);
    merged.putAll(p.get().annotations());
    return Map.copyOf(merged);
  }
}
