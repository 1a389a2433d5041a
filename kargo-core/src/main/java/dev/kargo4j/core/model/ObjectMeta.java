package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.map;
import static dev.kargo4j.core.model.internal.Checks.optionalLabel;
import static dev.kargo4j.core.model.internal.Checks.optionalSubdomain;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes object metadata Kargo uses. {@code namespace} is the Project. {@code name} is
 * an RFC 1123 subdomain when set (it may be empty only while an object is being built, for
 * example a Freight whose name will be its ID); {@code namespace} is an RFC 1123 label when set.
 * {@code resourceVersion} is assigned by a {@link dev.kargo4j.core.spi.Store} and used for
 * optimistic concurrency; empty means "not stored yet". {@code creationTimestamp} may be null.
 *
 * <p>Immutable and thread-safe.
 */
public record ObjectMeta(
    String name,
    String namespace,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant creationTimestamp,
    String resourceVersion) {

  /** Validates names and copies the maps. */
  public ObjectMeta {
    name = optionalSubdomain("name", name);
    namespace = optionalLabel("namespace", namespace);
    labels = map("labels", labels);
    annotations = map("annotations", annotations);
    resourceVersion = str(resourceVersion);
  }

  /** Metadata with only a namespace (Project) and a name. */
  public static ObjectMeta of(String namespace, String name) {
    return new ObjectMeta(name, namespace, Map.of(), Map.of(), null, "");
  }

  /** A copy with another name. */
  public ObjectMeta withName(String newName) {
    return new ObjectMeta(newName, namespace, labels, annotations, creationTimestamp, resourceVersion);
  }

  /** A copy with another namespace (Project). */
  public ObjectMeta withNamespace(String newNamespace) {
    return new ObjectMeta(name, newNamespace, labels, annotations, creationTimestamp, resourceVersion);
  }

  /** A copy with other labels. */
  public ObjectMeta withLabels(Map<String, String> newLabels) {
    return new ObjectMeta(name, namespace, newLabels, annotations, creationTimestamp, resourceVersion);
  }

  /** A copy with one label set; a null value removes the label. */
  public ObjectMeta withLabel(String key, String value) {
    Map<String, String> copy = new TreeMap<>(labels);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, value);
    }
    return withLabels(copy);
  }

  /** A copy with other annotations. */
  public ObjectMeta withAnnotations(Map<String, String> newAnnotations) {
    return new ObjectMeta(name, namespace, labels, newAnnotations, creationTimestamp, resourceVersion);
  }

  /** A copy with one annotation set; a null value removes the annotation. */
  public ObjectMeta withAnnotation(String key, String value) {
    Map<String, String> copy = new TreeMap<>(annotations);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, value);
    }
    return withAnnotations(copy);
  }

  /** A copy with another creation time. */
  public ObjectMeta withCreationTimestamp(Instant newCreationTimestamp) {
    return new ObjectMeta(name, namespace, labels, annotations, newCreationTimestamp, resourceVersion);
  }

  /** A copy with another resource version. */
  public ObjectMeta withResourceVersion(String newResourceVersion) {
    return new ObjectMeta(name, namespace, labels, annotations, creationTimestamp, newResourceVersion);
  }
}
