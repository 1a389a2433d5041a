package dev.kargo4j.steps.argocd.internal;

import dev.kargo4j.steps.argocd.ArgoCdException;
import dev.kargo4j.steps.argocd.ArgoCdUpdaterConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source side of {@code argocd-update} ({@code argocd_revisions.go} and
 * {@code buildDesiredSources}/{@code applyArgoCDSourceUpdate} of {@code argocd_updater.go}).
 * Thread-safe.
 */
public final class SourceUpdates {
  private SourceUpdates() {}

  /**
   * The desired revision of each source of {@code app} (or of its single source): the
   * {@code desiredRevision} of the update whose {@code repoURL} and {@code chart} equal the
   * source's exactly, else "". Empty when the Application has no source.
   */
  public static List<String> desiredRevisions(ArgoCdUpdaterConfig.App update, AppView app) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> src : app.sources()) {
      String desired = "";
      for (ArgoCdUpdaterConfig.SourceUpdate u : update.sources()) {
        if (u.repoURL().equals(Json.str(src, "repoURL")) && u.chartOrEmpty().equals(Json.str(src, "chart"))) {
          desired = u.desiredRevisionOrEmpty();
          break;
        }
      }
      out.add(desired);
    }
    return out;
  }

  /**
   * The Application's sources with every update applied. Each update must match a source.
   *
   * @throws ArgoCdException naming the Application and the unmatched update
   */
  public static List<Map<String, Object>> desiredSources(
      ArgoCdUpdaterConfig.App update, List<String> desiredRevisions, AppView app) {
    List<Map<String, Object>> sources = app.sources();
    if (sources.size() != desiredRevisions.size()) {
      throw new ArgoCdException("Argo CD Application '" + app.name() + "' in namespace '" + app.namespace()
          + "' has " + sources.size() + " sources but " + desiredRevisions.size() + " desired revisions");
    }
    for (ArgoCdUpdaterConfig.SourceUpdate u : update.sources()) {
      boolean used = false;
      for (int j = 0; j < sources.size() && !used; j++) {
        used = apply(u, desiredRevisions.get(j), sources.get(j));
      }
      if (!used) {
        throw new ArgoCdException("no source of Argo CD Application '" + app.name() + "' in namespace '"
            + app.namespace() + "' matched the update for source with repoURL " + u.repoURL()
            + (u.chart() == null ? "" : " and chart '" + u.chart() + "'")
            + "; an update matches a source with the same repoURL"
            + (u.chart() == null ? " (git URLs are compared normalized)" : " and chart, compared exactly"));
      }
    }
    return sources;
  }

  /** Applies {@code u} to {@code source} in place when it matches; returns whether it did. */
  static boolean apply(ArgoCdUpdaterConfig.SourceUpdate u, String desiredRevision, Map<String, Object> source) {
    String srcRepo = Json.str(source, "repoURL");
    String srcChart = Json.str(source, "chart");
    if (!srcChart.isEmpty() || !u.chartOrEmpty().isEmpty()) {
      if (!srcRepo.equals(u.repoURL()) || !srcChart.equals(u.chartOrEmpty())) {
        return false;
      }
    } else if (!GitUrls.normalize(srcRepo).equals(GitUrls.normalize(u.repoURL()))) {
      return false;
    }
    if (u.updatesTargetRevision() && !desiredRevision.isEmpty()) {
      source.put("targetRevision", desiredRevision);
    }
    if (u.kustomize() != null && !u.kustomize().images().isEmpty()) {
      Map<String, Object> kustomize = child(source, "kustomize");
      List<Object> images = new ArrayList<>();
      for (ArgoCdUpdaterConfig.KustomizeImage img : u.kustomize().images()) {
        images.add(kustomizeImage(img));
      }
      kustomize.put("images", images);
    }
    if (u.helm() != null && !u.helm().images().isEmpty()) {
      Map<String, Object> helm = child(source, "helm");
      List<Object> params = helm.get("parameters") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
      for (ArgoCdUpdaterConfig.HelmImage img : u.helm().images()) {
        boolean found = false;
        for (Object p : params) {
          if (p instanceof Map<?, ?> && img.key().equals(Json.str(p, "name"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> param = (Map<String, Object>) p;
            param.put("value", img.value());
            found = true;
            break;
          }
        }
        if (!found) {
          Map<String, Object> param = new LinkedHashMap<>();
          param.put("name", img.key());
          param.put("value", img.value());
          params.add(param);
        }
      }
      helm.put("parameters", params);
    }
    return true;
  }

  /** {@code repoURL[=newName]@digest} or {@code repoURL[=newName]:tag}. */
  static String kustomizeImage(ArgoCdUpdaterConfig.KustomizeImage img) {
    String s = img.repoURL();
    if (img.newName() != null) {
      s += "=" + img.newName();
    }
    if (img.digest() != null && !img.digest().isEmpty()) {
      return s + "@" + img.digest();
    }
    return s + ":" + (img.tag() == null ? "" : img.tag());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> parent, String key) {
    if (parent.get(key) instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    parent.put(key, created);
    return created;
  }
}
