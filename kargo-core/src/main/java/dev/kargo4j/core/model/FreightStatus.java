package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.map;

import dev.kargo4j.core.model.internal.JsonTrees;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Freight's status, keyed by Stage name: where it {@code currentlyIn} is, where it was
 * {@code verifiedIn}, which Stages it is {@code approvedFor}, and user {@code metadata}
 * (key to JSON-like value).
 *
 * <p>Immutable and thread-safe.
 */
public record FreightStatus(
    Map<String, CurrentStage> currentlyIn,
    Map<String, VerifiedStage> verifiedIn,
    Map<String, ApprovedStage> approvedFor,
    Map<String, Object> metadata) {

  /** The empty status. */
  public static final FreightStatus EMPTY = new FreightStatus(null, null, null, null);

  /** Copies the maps. */
  public FreightStatus {
    currentlyIn = map("currentlyIn", currentlyIn);
    verifiedIn = map("verifiedIn", verifiedIn);
    approvedFor = map("approvedFor", approvedFor);
    if (metadata == null || metadata.isEmpty()) {
      metadata = Map.of();
    } else {
      Map<String, Object> copy = new TreeMap<>();
      for (Map.Entry<String, Object> e : metadata.entrySet()) {
        if (e.getKey() == null || e.getKey().isEmpty()) {
          throw new InvalidModelException("metadata", "keys must not be empty");
        }
        copy.put(e.getKey(), JsonTrees.copy("metadata." + e.getKey(), e.getValue()));
      }
      metadata = Collections.unmodifiableMap(copy);
    }
  }

  /** A copy where the Freight is in {@code stage}; null removes it. */
  public FreightStatus withCurrentlyIn(String stage, CurrentStage value) {
    return new FreightStatus(put(currentlyIn, stage, value), verifiedIn, approvedFor, metadata);
  }

  /** A copy with a verification record for {@code stage}; null removes it. */
  public FreightStatus withVerifiedIn(String stage, VerifiedStage value) {
    return new FreightStatus(currentlyIn, put(verifiedIn, stage, value), approvedFor, metadata);
  }

  /** A copy with an approval for {@code stage}; null removes it. */
  public FreightStatus withApprovedFor(String stage, ApprovedStage value) {
    return new FreightStatus(currentlyIn, verifiedIn, put(approvedFor, stage, value), metadata);
  }

  /** A copy with one metadata entry set (a JSON-like value); removing needs {@link #withoutMetadata}. */
  public FreightStatus withMetadata(String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(metadata);
    copy.put(key, value);
    return new FreightStatus(currentlyIn, verifiedIn, approvedFor, copy);
  }

  /** A copy without the metadata entry {@code key}. */
  public FreightStatus withoutMetadata(String key) {
    Map<String, Object> copy = new LinkedHashMap<>(metadata);
    copy.remove(key);
    return new FreightStatus(currentlyIn, verifiedIn, approvedFor, copy);
  }

  private static <V> Map<String, V> put(Map<String, V> in, String key, V value) {
    Map<String, V> copy = new TreeMap<>(in);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, value);
    }
    return copy;
  }
}
