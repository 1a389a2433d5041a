package dev.kargo4j.steps.kustomize.internal;

import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.TargetFreight;
import dev.kargo4j.steps.kustomize.KustomizeException;
import dev.kargo4j.steps.kustomize.KustomizeImageSetterConfig;
import dev.kargo4j.core.model.FreightReference;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.model.Warehouse;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
    TargetFreight freight = context.freight();
    return automatic(freight.collection().references(), freight.requests(),
        name -> Optional.ofNullable(freight.warehouses().get(name)), context.project());
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

  /**
   * Kargo's automatic mode: every image of every Freight in {@code freight} (the collection the
   * Stage will hold), as {@code {name: repoURL, newTag: tag, digest: digest}}; a later Freight
   * with the same repository wins. Refused when the requests are ambiguous
   * ({@code HasAmbiguousImageRequest}): a requested Warehouse is missing, or two image
   * subscriptions of the requested Warehouses watch the same repository.
   *
   * @param warehouses the requested Warehouses by name; a missing one makes the request
   *     ambiguous
   * @param project for messages
   * @throws KustomizeException {@code manual configuration required due to ambiguous result: ...}
   */
  public static Map<String, KustomizeImage> automatic(List<FreightReference> freight, List<FreightRequest> requests,
      Function<String, Optional<Warehouse>> warehouses, String project) {
    Set<String> subscribed = new HashSet<>();
    for (FreightRequest request : requests) {
      String name = request.origin().name();
      Warehouse warehouse = warehouses.apply(name).orElseThrow(() -> ambiguous(
          "Warehouse \"" + name + "\" not found in project \"" + project + "\""));
      for (Subscription subscription : warehouse.spec().subscriptions()) {
        if (subscription instanceof ImageSubscription image && !subscribed.add(image.repoURL())) {
          throw ambiguous("multiple requested Freight could potentially provide a container image from repository "
              + image.repoURL());
        }
      }
    }
    Map<String, KustomizeImage> targets = new LinkedHashMap<>();
    for (FreightReference reference : freight) {
      for (Image image : reference.images()) {
        targets.put(image.repoURL(), KustomizeImage.of(image.repoURL(), "", image.tag(), image.digest()));
      }
    }
    return targets;
  }

  private static KustomizeException ambiguous(String why) {
    return new KustomizeException("manual configuration required due to ambiguous result: " + why
        + "; list the images to set in config.images");
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
