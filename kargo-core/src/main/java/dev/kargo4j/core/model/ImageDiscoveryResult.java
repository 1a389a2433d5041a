package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.util.List;

/**
 * The images discovered for one image subscription, best first.
 *
 * <p>Immutable and thread-safe.
 */
public record ImageDiscoveryResult(
    String repoURL,
    String platform,
    List<DiscoveredImageReference> references,
    String subscriptionName) {
  /** Copies. */
  public ImageDiscoveryResult {
    repoURL = str(repoURL);
    platform = str(platform);
    references = list("references", references);
    subscriptionName = str(subscriptionName);
  }
}
