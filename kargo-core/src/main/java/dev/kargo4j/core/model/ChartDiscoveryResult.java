package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.util.List;

/**
 * The chart versions discovered for one chart subscription, best first.
 *
 * <p>Immutable and thread-safe.
 */
public record ChartDiscoveryResult(
    String repoURL,
    String name,
    String semverConstraint,
    List<String> versions,
    String subscriptionName) {
  /** Copies. */
  public ChartDiscoveryResult {
    repoURL = str(repoURL);
    name = str(name);
    semverConstraint = str(semverConstraint);
    versions = list("versions", versions);
    subscriptionName = str(subscriptionName);
  }
}
