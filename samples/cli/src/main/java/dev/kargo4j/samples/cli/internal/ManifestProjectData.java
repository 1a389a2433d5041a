package dev.kargo4j.samples.cli.internal;

import dev.kargo4j.core.engine.ProjectData;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.model.ConfigMap;
import dev.kargo4j.core.model.Secret;
import java.util.Map;
import java.util.Objects;

/**
 * The Secrets and ConfigMaps of applied manifests for the expression functions
 * ({@code secret()}, {@code configMap()}); no shared ones. Immutable and thread-safe.
 */
public final class ManifestProjectData implements ProjectData {
  private final ManifestSet manifests;

  /** Over {@code manifests}. */
  public ManifestProjectData(ManifestSet manifests) {
    this.manifests = Objects.requireNonNull(manifests, "manifests");
  }

  @Override
  public Map<String, String> secret(String project, String name) {
    for (Secret s : manifests.secrets()) {
      if (s.metadata().namespace().equals(project) && s.name().equals(name)) {
        return s.data();
      }
    }
    return Map.of();
  }

  @Override
  public Map<String, String> configMap(String project, String name) {
    for (ConfigMap c : manifests.configMaps()) {
      if (c.metadata().namespace().equals(project) && c.name().equals(name)) {
        return c.data();
      }
    }
    return Map.of();
  }
}
