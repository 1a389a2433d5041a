package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.map;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.util.Map;

/**
 * A container image in Freight: repository URL (without tag), {@code tag}, {@code digest},
 * OCI {@code annotations} and the {@code subscriptionName} that found it.
 *
 * <p>Immutable and thread-safe.
 */
public record Image(
    String repoURL,
    String tag,
    String digest,
    Map<String, String> annotations,
    String subscriptionName) {

  /** Null strings become empty; the annotations are copied. */
  public Image {
    repoURL = str(repoURL);
    tag = str(tag);
    digest = str(digest);
    annotations = map("annotations", annotations);
    subscriptionName = str(subscriptionName);
  }

  /** An image with a repository URL, tag and digest. */
  public static Image of(String repoURL, String tag, String digest) {
    return new Image(repoURL, tag, digest, Map.of(), "");
  }

  /** A copy with another subscription name. */
  public Image withSubscriptionName(String name) {
    return new Image(repoURL, tag, digest, annotations, name);
  }
}
