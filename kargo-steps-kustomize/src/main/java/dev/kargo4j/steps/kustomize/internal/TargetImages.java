package dev.kargo4j.steps.kustomize.internal;

import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.steps.kustomize.KustomizeException;
import dev.kargo4j.steps.kustomize.KustomizeImageSetterConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images a {@code kustomize-set-image} step sets, keyed by the name of their Kustomization
 * entry ({@code buildTargetImagesFromConfig}, {@code buildTargetImagesAutomatically}).
 * Stateless and thread-safe.
 */
public final class TargetImages {
  private TargetImages() {}

  /** The targets of one step: its explicit images, or the Freight's in automatic mode. */
  public static Map<String, KustomizeImage> forStep(StepContext context, KustomizeImageSetterConfig config) {
    if (!config.images().isEmpty()) {
      return fromConfig(config.images());
    }
    throw new KustomizeException("step " + context.alias() + ": kustomize-set-image without images (automatic mode)"
        + " needs the target Freight, which this engine does not provide yet; list the images in config.images");
  }

  /**
   * From explicit config entries: the entry's {@code name}, else its {@code image}; its
   * {@code newName}; its digest if set, else its tag as {@code newTag}. A later entry with the
   * same name replaces an earlier one.
   */
  public static Map<String, KustomizeImage> fromConfig(List<KustomizeImageSetterConfig.Image> images) {
    Map<String, KustomizeImage> targets = new LinkedHashMap<>();
    for (KustomizeImageSetterConfig.Image image : images) {
      String name = notEmpty(image.name()) ? image.name() : image.image();
      String digest = notEmpty(image.digest()) ? image.digest() : "";
      String newTag = digest.isEmpty() && notEmpty(image.tag()) ? image.tag() : "";
      targets.put(name, KustomizeImage.of(name, image.newName(), newTag, digest));
    }
    return targets;
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
