package dev.kargo4j.steps.kustomize;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.steps.kustomize.internal.ConfigChecks;
import java.util.List;

/**
 * The configuration of a {@code kustomize-set-image} step (Kargo's
 * {@code kustomize-set-image-config.json}). Immutable; {@code images} is never null.
 *
 * @param path the directory holding the Kustomization file, relative to the work directory;
 *     required
 * @param images the images to set; when empty, every image of the target Freight collection
 *     is set (automatic mode)
 */
public record KustomizeImageSetterConfig(String path, List<Image> images) {

  public KustomizeImageSetterConfig {
    ConfigRules.required(path, "path");
    images = images == null ? List.of() : List.copyOf(images);
  }

  /**
   * One image to set.
   *
   * @param image the image as the manifests name it, e.g. {@code ghcr.io/akuity/guestbook};
   *     required
   * @param tag the new tag; exactly one of {@code tag} and {@code digest} is set
   * @param digest the new digest, e.g. {@code sha256:...}
   * @param name the name of the Kustomization's images entry when it differs from
   *     {@code image}; optional
   * @param newName the image name to use instead, or {@code *} to keep the file's; optional
   */
  public record Image(String image, String tag, String digest, String name, String newName) {
    public Image {
      String theImage = image;
      String theTag = tag;
      String theDigest = digest;
      ConfigChecks.all(
          () -> ConfigRules.required(theImage, "image"),
          () -> ConfigRules.exactlyOne("tag, digest", theTag, theDigest));
    }
  }
}
