package dev.kargo4j.steps.argocd;

import dev.kargo4j.core.spi.JsonTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON merge patch (RFC 7386) of an Application's annotations and sources: annotations are
 * merged key by key; the sources, when given, replace {@code spec.sources} (multi-source
 * Applications) or {@code spec.source} (single-source ones) as a whole, so each source must be
 * complete, including fields this library does not model.
 *
 * <p>Immutable and thread-safe.
 *
 * @param annotations annotations to set; never null (may be empty)
 * @param sources the complete new sources, or null to leave them unchanged
 * @param multiSource true to write {@code spec.sources}, false to write {@code spec.source}
 *     (then {@code sources} must hold exactly one source)
 */
public record ApplicationPatch(
    Map<String, String> annotations, List<Map<String, Object>> sources, boolean multiSource) {

  public ApplicationPatch {
    annotations = Collections.unmodifiableMap(
        new LinkedHashMap<>(Objects.requireNonNull(annotations, "annotations")));
    if (sources != null) {
      List<Map<String, Object>> copy = new ArrayList<>();
      for (Map<String, Object> s : sources) {
        copy.add(JsonTree.copyOf(Objects.requireNonNull(s, "source")));
      }
      sources = Collections.unmodifiableList(copy);
      if (!multiSource && sources.size() != 1) {
        throw new IllegalArgumentException(
            "a single-source Application takes exactly one source, got " + sources.size());
      }
    }
  }

  /** The merge-patch document, e.g. {@code {"metadata":{"annotations":{...}},"spec":{...}}}. */
  public Map<String, Object> toMergePatch() {
    Map<String, Object> patch = new LinkedHashMap<>();
    if (!annotations.isEmpty()) {
      patch.put("metadata", Map.of("annotations", annotations));
    }
    if (sources != null) {
      patch.put("spec", multiSource ? Map.of("sources", sources) : Map.of("source", sources.get(0)));
    }
    return patch;
  }
}
