package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.str;

/**
 * A Helm chart in Freight: repository URL ({@code https://} or {@code oci://}), chart
 * {@code name} (empty for OCI), {@code version} and the {@code subscriptionName} that found it.
 *
 * <p>Immutable and thread-safe.
 */
public record Chart(String repoURL, String name, String version, String subscriptionName) {

  /** Null components become empty strings. */
  public Chart {
    repoURL = str(repoURL);
    name = str(name);
    version = str(version);
    subscriptionName = str(subscriptionName);
  }

  /** A chart without a subscription name. */
  public static Chart of(String repoURL, String name, String version) {
    return new Chart(repoURL, name, version, "");
  }
}
