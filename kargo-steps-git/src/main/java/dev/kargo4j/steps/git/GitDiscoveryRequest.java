package dev.kargo4j.steps.git;

import dev.kargo4j.core.model.CommitSelectionStrategy;
import dev.kargo4j.KargoException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A git subscription as discovery needs it (Kargo's {@code GitSubscription}, defaults applied).
 *
 * @param repoURL required
 * @param strategy never null; default NewestFromBranch
 * @param branch NewestFromBranch only; null for the default branch
 * @param semverConstraint SemVer only; a Masterminds constraint, or null for any version
 * @param strictSemvers SemVer only: require MAJOR.MINOR.PATCH; default true
 * @param allowTagsRegexes tag strategies: a tag must match one (when any are given)
 * @param ignoreTagsRegexes tag strategies: a tag must match none
 * @param expressionFilter an expr-lang expression over the commit or tag, or null
 * @param includePaths a commit qualifies when it changes a path these select (when given)
 * @param excludePaths ... and that path is not selected by these
 * @param discoveryLimit 1..100; default 20
 * @param since NewestFromBranch only: ignore commits older than this, or null
 * @param insecureSkipTLSVerify accept any TLS certificate
 */
public record GitDiscoveryRequest(String repoURL, CommitSelectionStrategy strategy, String branch,
    String semverConstraint, boolean strictSemvers, List<String> allowTagsRegexes,
    List<String> ignoreTagsRegexes, String expressionFilter, List<String> includePaths,
    List<String> excludePaths, int discoveryLimit, Instant since, boolean insecureSkipTLSVerify) {
  public GitDiscoveryRequest {
    if (repoURL == null || repoURL.isBlank()) {
      throw new KargoException("git subscription: repoURL is required");
    }
    Objects.requireNonNull(strategy, "strategy");
    allowTagsRegexes = List.copyOf(allowTagsRegexes == null ? List.of() : allowTagsRegexes);
    ignoreTagsRegexes = List.copyOf(ignoreTagsRegexes == null ? List.of() : ignoreTagsRegexes);
    includePaths = List.copyOf(includePaths == null ? List.of() : includePaths);
    excludePaths = List.copyOf(excludePaths == null ? List.of() : excludePaths);
    if (discoveryLimit < 1 || discoveryLimit > 100) {
      throw new KargoException("git subscription " + repoURL + ": discoveryLimit must be between 1 and 100, was "
          + discoveryLimit);
    }
  }

  /** The strategy Kargo names {@code wireName}; empty or null means NewestFromBranch. */
  public static CommitSelectionStrategy strategyOf(String wireName) {
    return wireName == null || wireName.isEmpty()
        ? CommitSelectionStrategy.NEWEST_FROM_BRANCH : CommitSelectionStrategy.fromWireName(wireName);
  }

  /** A builder with Kargo's defaults for {@code repoURL}. */
  public static Builder builder(String repoURL) {
    return new Builder(repoURL);
  }

  /** Builds a {@link GitDiscoveryRequest}. Not thread-safe. */
  public static final class Builder {
    private final String repoURL;
    private CommitSelectionStrategy strategy = CommitSelectionStrategy.NEWEST_FROM_BRANCH;
    private String branch;
    private String semverConstraint;
    private boolean strictSemvers = true;
    private List<String> allow = List.of();
    private List<String> ignore = List.of();
    private String expressionFilter;
    private List<String> include = List.of();
    private List<String> exclude = List.of();
    private int discoveryLimit = 20;
    private Instant since;
    private boolean insecure;

    private Builder(String repoURL) {
      this.repoURL = repoURL;
    }

    public Builder strategy(CommitSelectionStrategy s) {
      this.strategy = s;
      return this;
    }

    public Builder branch(String b) {
      this.branch = b;
      return this;
    }

    public Builder semverConstraint(String c) {
      this.semverConstraint = c;
      return this;
    }

    public Builder strictSemvers(boolean s) {
      this.strictSemvers = s;
      return this;
    }

    public Builder allowTagsRegexes(List<String> r) {
      this.allow = r;
      return this;
    }

    public Builder ignoreTagsRegexes(List<String> r) {
      this.ignore = r;
      return this;
    }

    public Builder expressionFilter(String e) {
      this.expressionFilter = e;
      return this;
    }

    public Builder includePaths(List<String> p) {
      this.include = p;
      return this;
    }

    public Builder excludePaths(List<String> p) {
      this.exclude = p;
      return this;
    }

    public Builder discoveryLimit(int l) {
      this.discoveryLimit = l;
      return this;
    }

    public Builder since(Instant s) {
      this.since = s;
      return this;
    }

    public Builder insecureSkipTLSVerify(boolean i) {
      this.insecure = i;
      return this;
    }

    public GitDiscoveryRequest build() {
      return new GitDiscoveryRequest(repoURL, strategy, branch, semverConstraint, strictSemvers, allow, ignore,
          expressionFilter, include, exclude, discoveryLimit, since, insecure);
    }
  }
}
