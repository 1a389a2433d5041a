package dev.kargo4j.steps.argocd;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import java.util.List;

/**
 * The configuration of {@code argocd-update}, as Kargo's schema {@code argocd-update-config.json}
 * defines it. Bound strictly from the rendered step config: unknown fields and broken rules fail
 * with the field path.
 *
 * <p>Immutable and thread-safe.
 *
 * @param apps the Applications to update; at least one
 */
public record ArgoCdUpdaterConfig(List<App> apps) {

  public ArgoCdUpdaterConfig {
    apps = List.copyOf(ConfigRules.minItems(apps, 1, "apps"));
  }

  /**
   * One Application, or all Applications matching a selector, to update.
   *
   * @param name the Application's name; exactly one of {@code name} and {@code selector}
   * @param namespace the Application's namespace, or null for the default (env
   *     {@code ARGOCD_NAMESPACE}, else {@code argocd})
   * @param selector a label selector; exactly one of {@code name} and {@code selector}
   * @param sources updates to the Application's sources; null or at least one
   */
  public record App(String name, String namespace, ArgoCdAppSelector selector, List<SourceUpdate> sources) {
    public App {
      ConfigRules.exactlyOne("name, selector", name, selector);
      if (namespace != null && namespace.isEmpty()) {
        throw new InvalidConfigException("namespace: must not be empty when given");
      }
      if (sources != null) {
        sources = List.copyOf(ConfigRules.minItems(sources, 1, "sources"));
      } else {
        sources = List.of();
      }
    }
  }

  /**
   * An update of the Application source whose {@code repoURL} (and {@code chart}) match.
   *
   * @param repoURL the source's repository URL; required
   * @param chart the Helm chart name, for Helm repository sources; null otherwise
   * @param desiredRevision the revision the source should be observed synced to; may be null
   * @param updateTargetRevision whether to point {@code targetRevision} at
   *     {@code desiredRevision}; requires {@code desiredRevision}
   * @param kustomize Kustomize image overrides to set; may be null
   * @param helm Helm parameters to upsert; may be null
   */
  public record SourceUpdate(String repoURL, String chart, String desiredRevision,
      Boolean updateTargetRevision, KustomizeUpdates kustomize, HelmUpdates helm) {
    public SourceUpdate {
      ConfigRules.required(repoURL, "repoURL");
      nonEmptyIfPresent(chart, "chart");
      nonEmptyIfPresent(desiredRevision, "desiredRevision");
      if (Boolean.TRUE.equals(updateTargetRevision) && desiredRevision == null) {
        throw new InvalidConfigException(
            "updateTargetRevision: true requires desiredRevision to be set");
      }
    }

    /** {@code chart}, or "" when absent. */
    public String chartOrEmpty() {
      return chart == null ? "" : chart;
    }

    /** {@code desiredRevision}, or "" when absent. */
    public String desiredRevisionOrEmpty() {
      return desiredRevision == null ? "" : desiredRevision;
    }

    /** True when {@code updateTargetRevision} is set. */
    public boolean updatesTargetRevision() {
      return Boolean.TRUE.equals(updateTargetRevision);
    }
  }

  /**
   * Kustomize image overrides; they replace the source's {@code kustomize.images}.
   *
   * @param images null or at least one
   */
  public record KustomizeUpdates(List<KustomizeImage> images) {
    public KustomizeUpdates {
      images = images == null ? List.of() : List.copyOf(ConfigRules.minItems(images, 1, "images"));
    }
  }

  /**
   * One Kustomize image override, written {@code repoURL[=newName](:tag|@digest)}.
   *
   * @param repoURL the image repository; required
   * @param tag the tag; at most one of {@code tag} and {@code digest}
   * @param digest the digest
   * @param newName a replacement image name; may be null
   */
  public record KustomizeImage(String repoURL, String tag, String digest, String newName) {
    public KustomizeImage {
      ConfigRules.required(repoURL, "repoURL");
      ConfigRules.atMostOne("tag, digest", tag, digest);
      nonEmptyIfPresent(newName, "newName");
    }
  }

  /**
   * Helm parameter updates, upserted into the source's {@code helm.parameters}.
   *
   * @param images at least one
   */
  public record HelmUpdates(List<HelmImage> images) {
    public HelmUpdates {
      images = List.copyOf(ConfigRules.minItems(images, 1, "images"));
    }
  }

  /**
   * One Helm parameter to set.
   *
   * @param key the parameter name; required
   * @param value the value; required, may be empty
   */
  public record HelmImage(String key, String value) {
    public HelmImage {
      ConfigRules.required(key, "key");
      if (value == null) {
        throw new InvalidConfigException("value: required field is missing");
      }
    }
  }

  static void nonEmptyIfPresent(String value, String field) {
    if (value != null && value.isEmpty()) {
      throw new InvalidConfigException(field + ": must not be empty when given");
    }
  }
}
