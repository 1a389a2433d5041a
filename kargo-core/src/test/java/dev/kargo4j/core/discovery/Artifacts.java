package dev.kargo4j.core.discovery;

import dev.kargo4j.core.model.ArtifactReference;
import dev.kargo4j.core.model.ChartDiscoveryResult;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.DiscoveredCommit;
import dev.kargo4j.core.model.DiscoveredImageReference;
import dev.kargo4j.core.model.DiscoveryResult;
import dev.kargo4j.core.model.GitDiscoveryResult;
import dev.kargo4j.core.model.ImageDiscoveryResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Discovered artifacts from the JSON form conformance files use. */
public final class Artifacts {
  private Artifacts() {}

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v == null ? List.of() : (List<Map<String, Object>>) v;
  }

  private static String s(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? "" : String.valueOf(v);
  }

  private static Instant t(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? null : Instant.parse(String.valueOf(v));
  }

  @SuppressWarnings("unchecked")
  public static DiscoveredArtifacts fromJson(Map<String, Object> m) {
    if (m == null) {
      return null;
    }
    List<GitDiscoveryResult> git = new ArrayList<>();
    for (Map<String, Object> g : list(m, "git")) {
      List<DiscoveredCommit> commits = new ArrayList<>();
      for (Map<String, Object> c : list(g, "commits")) {
        commits.add(new DiscoveredCommit(s(c, "id"), s(c, "branch"), s(c, "tag"), s(c, "subject"), s(c, "author"),
            s(c, "committer"), t(c, "creatorDate")));
      }
      git.add(new GitDiscoveryResult(s(g, "repoURL"), commits, s(g, "subscriptionName"), null));
    }
    List<ImageDiscoveryResult> images = new ArrayList<>();
    for (Map<String, Object> i : list(m, "images")) {
      List<DiscoveredImageReference> refs = new ArrayList<>();
      for (Map<String, Object> r : list(i, "references")) {
        refs.add(new DiscoveredImageReference(s(r, "tag"), s(r, "digest"),
            (Map<String, String>) r.getOrDefault("annotations", Map.of()), t(r, "createdAt")));
      }
      images.add(new ImageDiscoveryResult(s(i, "repoURL"), s(i, "platform"), refs, s(i, "subscriptionName")));
    }
    List<ChartDiscoveryResult> charts = new ArrayList<>();
    for (Map<String, Object> c : list(m, "charts")) {
      charts.add(new ChartDiscoveryResult(s(c, "repoURL"), s(c, "name"), s(c, "semverConstraint"),
          (List<String>) c.getOrDefault("versions", List.of()), s(c, "subscriptionName")));
    }
    List<DiscoveryResult> results = new ArrayList<>();
    for (Map<String, Object> r : list(m, "results")) {
      List<ArtifactReference> refs = new ArrayList<>();
      for (Map<String, Object> a : list(r, "artifactReferences")) {
        refs.add(new ArtifactReference(s(a, "artifactType"), s(a, "subscriptionName"), s(a, "version"), a.get("metadata")));
      }
      results.add(new DiscoveryResult(s(r, "subscriptionName"), refs));
    }
    return new DiscoveredArtifacts(null, git, images, charts, results);
  }
}
