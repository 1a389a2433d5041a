package dev.kargo4j.samples.cli.internal;

import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.Image;
import java.util.ArrayList;
import java.util.List;

/** Freight artifacts in one line: {@code repo:tag}, {@code repo#commit}, {@code repo/chart:version}. Stateless. */
public final class ArtifactText {
  private ArtifactText() {}

  /** The artifacts, space-separated. */
  public static String of(List<Image> images, List<GitCommit> commits, List<Chart> charts) {
    List<String> parts = new ArrayList<>();
    for (Image i : images) {
      parts.add(i.repoURL() + (i.tag() != null && !i.tag().isEmpty() ? ":" + i.tag() : "@" + i.digest()));
    }
    for (GitCommit c : commits) {
      String id = c.id() == null ? "" : c.id().substring(0, Math.min(7, c.id().length()));
      parts.add(c.repoURL() + "#" + (c.tag() != null && !c.tag().isEmpty() ? c.tag() : id));
    }
    for (Chart c : charts) {
      parts.add(c.repoURL() + (c.name() == null || c.name().isEmpty() ? "" : "/" + c.name()) + ":" + c.version());
    }
    return String.join(" ", parts);
  }
}
