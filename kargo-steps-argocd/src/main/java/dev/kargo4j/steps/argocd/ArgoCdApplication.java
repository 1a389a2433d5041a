package dev.kargo4j.steps.argocd;

import dev.kargo4j.core.spi.JsonTree;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Argo CD {@code Application} as Argo CD or Kubernetes returned it: the whole resource
 * ({@code metadata}, {@code spec}, {@code operation}, {@code status}) as a JSON-like tree, so
 * that fields this library does not model (plugin settings, ignore rules, ...) survive a
 * read-modify-patch cycle untouched.
 *
 * <p>Immutable and thread-safe; {@link #resource()} is a deep unmodifiable copy.
 *
 * @param resource the resource; must carry {@code metadata.name} and {@code metadata.namespace}
 */
public record ArgoCdApplication(Map<String, Object> resource) {

  public ArgoCdApplication {
    Objects.requireNonNull(resource, "resource");
    resource = JsonTree.copyOf(resource);
    if (!(metadata(resource).get("name") instanceof String n) || n.isEmpty()) {
      throw new IllegalArgumentException("an Application needs metadata.name");
    }
    if (!(metadata(resource).get("namespace") instanceof String ns) || ns.isEmpty()) {
      throw new IllegalArgumentException("Application " + n + " needs metadata.namespace");
    }
  }

  /** {@code metadata.name}. */
  public String name() {
    return (String) metadata(resource).get("name");
  }

  /** {@code metadata.namespace}. */
  public String namespace() {
    return (String) metadata(resource).get("namespace");
  }

  /** {@code metadata.resourceVersion}, or null when the source did not report one. */
  public String resourceVersion() {
    return metadata(resource).get("resourceVersion") instanceof String s ? s : null;
  }

  /** {@code metadata.annotations}; empty when there are none. */
  public Map<String, String> annotations() {
    return strings(metadata(resource).get("annotations"));
  }

  /** {@code metadata.labels}; empty when there are none. */
  public Map<String, String> labels() {
    return strings(metadata(resource).get("labels"));
  }

  /** {@code namespace/name}, for messages. */
  public String key() {
    return namespace() + "/" + name();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Map<String, Object> resource) {
    return resource.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static Map<String, String> strings(Object value) {
    if (!(value instanceof Map<?, ?> m)) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (v != null) {
        out.put(String.valueOf(k), String.valueOf(v));
      }
    });
    return Collections.unmodifiableMap(out);
  }
}
