package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.optionalLabel;
import static dev.kargo4j.core.model.internal.Checks.range;
import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.str;

import dev.kargo4j.expr.GoRegexp;
import java.util.List;

/**
 * A subscription to a container image repository ({@code subscriptions[].image}). Kargo's
 * defaults: {@code imageSelectionStrategy} SemVer, {@code strictSemvers} true,
 * {@code discoveryLimit} 20, {@code cacheByTag} false. Images use {@code constraint} (the
 * deprecated {@code semverConstraint} is mapped to it when manifests are read, as are the
 * deprecated {@code allowTags}/{@code ignoreTags}). The Digest strategy requires a constraint
 * (the mutable tag).
 *
 * <p>Immutable and thread-safe.
 */
public record ImageSubscription(
    String name,
    String repoURL,
    ImageSelectionStrategy imageSelectionStrategy,
    String constraint,
    boolean strictSemvers,
    List<String> allowTagsRegexes,
    List<String> ignoreTagsRegexes,
    String platform,
    int discoveryLimit,
    boolean cacheByTag,
    boolean insecureSkipTLSVerify)
    implements Subscription {

  /** Kargo's pattern for image repository URLs (no tag). */
  public static final GoRegexp REPO_URL =
      GoRegexp.compile("^(\\w+([\\.-]\\w+)*(:[\\d]+)?/)?(\\w+([\\.-]\\w+)*)(/\\w+([\\.-]\\w+)*)*$");
  /** Kargo's pattern for {@code os/arch} platforms. */
  public static final GoRegexp PLATFORM = GoRegexp.compile("^\\w+/\\w+$");

  /** Validates as Kargo's schema does and applies defaults for null enums. */
  public ImageSubscription {
    name = optionalLabel("name", name);
    required("repoURL", repoURL);
    if (!REPO_URL.matchString(repoURL)) {
      throw new InvalidModelException(
          "repoURL",
          "\"" + repoURL + "\" is not a valid image repository URL; allowed: [registry[:port]/]"
              + "path without a tag or digest");
    }
    imageSelectionStrategy =
        imageSelectionStrategy == null ? ImageSelectionStrategy.SEMVER : imageSelectionStrategy;
    constraint = str(constraint);
    if (imageSelectionStrategy == ImageSelectionStrategy.DIGEST && constraint.isEmpty()) {
      throw new InvalidModelException(
          "constraint", "must be set (to the mutable tag) when imageSelectionStrategy is Digest");
    }
    allowTagsRegexes = list("allowTagsRegexes", allowTagsRegexes);
    ignoreTagsRegexes = list("ignoreTagsRegexes", ignoreTagsRegexes);
    platform = str(platform);
    if (!platform.isEmpty() && !PLATFORM.matchString(platform)) {
      throw new InvalidModelException(
          "platform", "\"" + platform + "\" is not allowed; allowed: <os>/<arch>");
    }
    range("discoveryLimit", discoveryLimit, 1, 100);
  }

  /** A subscription with Kargo's defaults. */
  public static ImageSubscription of(String repoURL) {
    return new ImageSubscription(
        "", repoURL, null, "", true, null, null, "", DEFAULT_DISCOVERY_LIMIT, false, false);
  }

  /** A copy with another sibling name. */
  public ImageSubscription withName(String newName) {
    return new ImageSubscription(
        newName, repoURL, imageSelectionStrategy, constraint, strictSemvers, allowTagsRegexes,
        ignoreTagsRegexes, platform, discoveryLimit, cacheByTag, insecureSkipTLSVerify);
  }

  @Override
  public String type() {
    return "image";
  }
}
