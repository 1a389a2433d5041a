package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.optionalLabel;
import static dev.kargo4j.core.model.internal.Checks.range;
import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.str;

import dev.kargo4j.expr.GoRegexp;

/**
 * A subscription to a Helm chart ({@code subscriptions[].chart}). {@link #name()} is the
 * sibling subscription name; the chart's own name (YAML {@code chart.name}) is
 * {@link #chartName()}: required for {@code http(s)://} repositories and empty for
 * {@code oci://}. {@code semverConstraint} empty means the greatest version;
 * {@code discoveryLimit} defaults to 20.
 *
 * <p>Immutable and thread-safe.
 */
public record ChartSubscription(
    String name,
    String repoURL,
    String chartName,
    String semverConstraint,
    int discoveryLimit,
    boolean insecureSkipTLSVerify)
    implements Subscription {

  /** Kargo's pattern for chart repository URLs. */
  public static final GoRegexp REPO_URL =
      GoRegexp.compile("^(((https?)|(oci))://)(([\\w\\d\\.\\-]+)(:([\\d]+)?)?(/.*)*)$");

  /** Validates as Kargo does. */
  public ChartSubscription {
    name = optionalLabel("name", name);
    required("repoURL", repoURL);
    if (!REPO_URL.matchString(repoURL)) {
      throw new InvalidModelException(
          "repoURL",
          "\"" + repoURL + "\" is not a valid Helm repository URL; allowed: http(s)://... or"
              + " oci://...");
    }
    chartName = str(chartName);
    if (repoURL.startsWith("oci://") && !chartName.isEmpty()) {
      throw new InvalidModelException("name", "must be empty if repoURL starts with oci://");
    }
    if ((repoURL.startsWith("http://") || repoURL.startsWith("https://")) && chartName.isEmpty()) {
      throw new InvalidModelException(
          "name", "must be non-empty if repoURL starts with http:// or https://");
    }
    semverConstraint = str(semverConstraint);
    range("discoveryLimit", discoveryLimit, 1, 100);
  }

  /** A subscription with Kargo's defaults. */
  public static ChartSubscription of(String repoURL, String chartName) {
    return new ChartSubscription("", repoURL, chartName, "", DEFAULT_DISCOVERY_LIMIT, false);
  }

  @Override
  public String type() {
    return "chart";
  }
}
