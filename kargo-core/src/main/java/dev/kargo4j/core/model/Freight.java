package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.time.Instant;
import java.util.List;

/**
 * A piece of Freight: a set of artifact versions (git {@code commits}, container
 * {@code images}, Helm {@code charts}, generic {@code artifacts}) from one {@code origin}, named
 * by its ID ({@code metadata.name}, see {@code dev.kargo4j.core.freight.FreightIds}), with a
 * human-friendly {@code alias} unique per Project. At least one artifact is required.
 * {@code discoveredAt} may be null (Kargo then uses the creation time); {@code status} is never
 * null.
 *
 * <p>Immutable and thread-safe.
 */
public record Freight(
    ObjectMeta metadata,
    String alias,
    Instant discoveredAt,
    FreightOrigin origin,
    List<GitCommit> commits,
    List<Image> images,
    List<Chart> charts,
    List<ArtifactReference> artifacts,
    FreightStatus status) {

  /** Validates and copies. */
  public Freight {
    required("metadata", metadata);
    alias = str(alias);
    required("origin", origin);
    commits = list("commits", commits);
    images = list("images", images);
    charts = list("charts", charts);
    artifacts = list("artifacts", artifacts);
    if (commits.isEmpty() && images.isEmpty() && charts.isEmpty() && artifacts.isEmpty()) {
      throw new InvalidModelException(
          "", "Freight must contain at least one commit, image, chart or artifact");
    }
    status = status == null ? FreightStatus.EMPTY : status;
  }

  /** The Project (namespace). */
  public String project() {
    return metadata.namespace();
  }

  /** The name, which is the Freight ID. */
  public String name() {
    return metadata.name();
  }

  /** {@code discoveredAt}, or the creation time when that is not set; may be null. */
  public Instant effectiveDiscoveredAt() {
    return discoveredAt != null ? discoveredAt : metadata.creationTimestamp();
  }

  /** Whether the Freight is currently in {@code stage}. */
  public boolean isCurrentlyIn(String stage) {
    return status.currentlyIn().containsKey(stage);
  }

  /** Whether the Freight has been verified in {@code stage}. */
  public boolean isVerifiedIn(String stage) {
    return status.verifiedIn().containsKey(stage);
  }

  /** Whether the Freight has been manually approved for {@code stage}. */
  public boolean isApprovedFor(String stage) {
    return status.approvedFor().containsKey(stage);
  }

  /** The reference to this Freight as kept in Stage history and Promotions. */
  public FreightReference reference() {
    return new FreightReference(metadata.name(), origin, commits, images, charts, artifacts);
  }

  /** A copy with other metadata. */
  public Freight withMetadata(ObjectMeta newMetadata) {
    return new Freight(newMetadata, alias, discoveredAt, origin, commits, images, charts, artifacts, status);
  }

  /** A copy with another alias. */
  public Freight withAlias(String newAlias) {
    return new Freight(metadata, newAlias, discoveredAt, origin, commits, images, charts, artifacts, status);
  }

  /** A copy with another discovery time. */
  public Freight withDiscoveredAt(Instant newDiscoveredAt) {
    return new Freight(metadata, alias, newDiscoveredAt, origin, commits, images, charts, artifacts, status);
  }

  /** A copy with another status. */
  public Freight withStatus(FreightStatus newStatus) {
    return new Freight(metadata, alias, discoveredAt, origin, commits, images, charts, artifacts, newStatus);
  }
}
