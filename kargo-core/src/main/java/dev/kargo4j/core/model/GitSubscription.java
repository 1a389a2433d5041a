package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.optionalLabel;
import static dev.kargo4j.core.model.internal.Checks.range;
import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.str;

import dev.kargo4j.expr.GoRegexp;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A subscription to a git repository ({@code subscriptions[].git}). Kargo's defaults:
 * {@code commitSelectionStrategy} NewestFromBranch, {@code strictSemvers} true,
 * {@code discoveryLimit} 20. The deprecated {@code allowTags}/{@code ignoreTags} are mapped to
 * {@link #allowTagsRegexes}/{@link #ignoreTagsRegexes} when manifests are read. {@code since}
 * may be null.
 *
 * <p>Immutable and thread-safe.
 */
public record GitSubscription(
    String name,
    String repoURL,
    CommitSelectionStrategy commitSelectionStrategy,
    String branch,
    boolean strictSemvers,
    String semverConstraint,
    List<String> allowTagsRegexes,
    List<String> ignoreTagsRegexes,
    String expressionFilter,
    List<String> includePaths,
    List<String> excludePaths,
    int discoveryLimit,
    Instant since,
    boolean insecureSkipTLSVerify,
    boolean blobless)
    implements Subscription {

  /** Kargo's pattern for git repository URLs (https, ssh or scp form). */
  public static final GoRegexp REPO_URL =
      GoRegexp.compile(
          "(?:^(ssh|https?)://(?:([\\w-]+)(:(.+))?@)?([\\w-]+(?:\\.[\\w-]+)*)(?::(\\d{1,5}))?(/.*)$)"
              + "|(?:^([\\w-]+)@([\\w+]+(?:\\.[\\w-]+)*):(/?.*))$");
  /** Kargo's pattern for branch names. */
  public static final Pattern BRANCH = Pattern.compile("^[a-zA-Z0-9]([a-zA-Z0-9._/-]*[a-zA-Z0-9_-])?$");

  /** Validates as Kargo's schema does and applies defaults for null enums. */
  public GitSubscription {
    name = optionalLabel("name", name);
    required("repoURL", repoURL);
    if (!REPO_URL.matchString(repoURL)) {
      throw new InvalidModelException(
          "repoURL",
          "\"" + repoURL + "\" is not a valid git repository URL; allowed: https://host/path,"
              + " ssh://[user@]host/path or user@host:path");
    }
    commitSelectionStrategy =
        commitSelectionStrategy == null ? CommitSelectionStrategy.NEWEST_FROM_BRANCH : commitSelectionStrategy;
    branch = str(branch);
    if (!branch.isEmpty() && (branch.length() > 255 || !BRANCH.matcher(branch).matches())) {
      throw new InvalidModelException(
          "branch", "\"" + branch + "\" is not a valid branch name (at most 255 characters of"
              + " letters, digits, '.', '_', '/', '-')");
    }
    semverConstraint = str(semverConstraint);
    allowTagsRegexes = list("allowTagsRegexes", allowTagsRegexes);
    ignoreTagsRegexes = list("ignoreTagsRegexes", ignoreTagsRegexes);
    expressionFilter = str(expressionFilter);
    includePaths = list("includePaths", includePaths);
    excludePaths = list("excludePaths", excludePaths);
    range("discoveryLimit", discoveryLimit, 1, 100);
  }

  /** A subscription with Kargo's defaults to the default branch of {@code repoURL}. */
  public static GitSubscription of(String repoURL) {
    return new GitSubscription(
        "", repoURL, null, "", true, "", null, null, "", null, null, DEFAULT_DISCOVERY_LIMIT,
        null, false, false);
  }

  /** A copy with another branch. */
  public GitSubscription withBranch(String newBranch) {
    return new GitSubscription(
        name, repoURL, commitSelectionStrategy, newBranch, strictSemvers, semverConstraint,
        allowTagsRegexes, ignoreTagsRegexes, expressionFilter, includePaths, excludePaths,
        discoveryLimit, since, insecureSkipTLSVerify, blobless);
  }

  /** A copy with another sibling name. */
  public GitSubscription withName(String newName) {
    return new GitSubscription(
        newName, repoURL, commitSelectionStrategy, branch, strictSemvers, semverConstraint,
        allowTagsRegexes, ignoreTagsRegexes, expressionFilter, includePaths, excludePaths,
        discoveryLimit, since, insecureSkipTLSVerify, blobless);
  }

  @Override
  public String type() {
    return "git";
  }
}
