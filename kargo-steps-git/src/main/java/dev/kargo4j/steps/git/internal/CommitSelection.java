package dev.kargo4j.steps.git.internal;

import dev.kargo4j.core.semver.InvalidSemVerException;
import dev.kargo4j.core.semver.SemVer;
import dev.kargo4j.core.semver.SemVerConstraint;
import dev.kargo4j.core.model.CommitSelectionStrategy;
import dev.kargo4j.core.model.DiscoveredRef;
import dev.kargo4j.core.model.GitDiscoveryRefs;
import dev.kargo4j.KargoException;
import dev.kargo4j.expr.ExprEngine;
import dev.kargo4j.expr.Expression;
import dev.kargo4j.expr.GoRegexp;
import dev.kargo4j.expr.InvalidRegexpException;
import dev.kargo4j.steps.git.GitDiscoveryRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Kargo's commit selectors ({@code pkg/controller/git/commit}) without the git plumbing: which
 * refs and tags match, the observed refs, and the filter / sort / path / limit pipeline over
 * tags. Built once per subscription (compiling regexes, the constraint and the expression);
 * immutable and thread-safe.
 */
public final class CommitSelection {
  /** Above this many matching tags, refs are not observed (Kargo's {@code maxObservedTags}). */
  public static final int MAX_OBSERVED_TAGS = 1000;

  private final GitDiscoveryRequest req;
  private final List<GoRegexp> allow;
  private final List<GoRegexp> ignore;
  private final SemVerConstraint constraint;
  private final Expression filter;
  private final Predicate<String> include;
  private final Predicate<String> exclude;

  /** Compiles {@code req}; a bad regex, constraint, expression or path selector fails naming the field. */
  public CommitSelection(GitDiscoveryRequest req) {
    this.req = req;
    this.allow = compile(req.allowTagsRegexes(), "allowTagsRegexes");
    this.ignore = compile(req.ignoreTagsRegexes(), "ignoreTagsRegexes");
    String where = "git subscription " + RepoUrls.redact(req.repoURL()) + ": ";
    try {
      this.constraint = req.strategy() == CommitSelectionStrategy.SEMVER && req.semverConstraint() != null
          && !req.semverConstraint().isEmpty() ? SemVerConstraint.parse(req.semverConstraint()) : null;
    } catch (InvalidSemVerException e) {
      throw new KargoException(where + "semverConstraint: error parsing semver constraint \""
          + req.semverConstraint() + "\": " + e.getMessage());
    }
    try {
      this.filter = req.expressionFilter() == null || req.expressionFilter().isEmpty() ? null
          : ExprEngine.standard().compile(req.expressionFilter());
    } catch (KargoException e) {
      throw new KargoException(where + "expressionFilter: error compiling filter expression: " + e.getMessage());
    }
    try {
      this.include = PathPatterns.any(req.includePaths());
      this.exclude = PathPatterns.any(req.excludePaths());
    } catch (IllegalArgumentException e) {
      throw new KargoException(where + "includePaths/excludePaths: " + e.getMessage());
    }
  }

  private List<GoRegexp> compile(List<String> regexes, String field) {
    List<GoRegexp> out = new ArrayList<>();
    for (int i = 0; i < regexes.size(); i++) {
      // RE2 as Kargo: linear time, and look-around or back-references fail here, naming the field
      try {
        out.add(GoRegexp.compile(regexes.get(i), "git subscription " + RepoUrls.redact(req.repoURL())
            + ": " + field + "[" + i + "]"));
      } catch (InvalidRegexpException e) {
        throw new KargoException(e.getMessage(), e);
      }
    }
    return out;
  }

  public GitDiscoveryRequest request() {
    return req;
  }

  /** True for tag strategies. */
  public boolean tagBased() {
    return req.strategy() != CommitSelectionStrategy.NEWEST_FROM_BRANCH;
  }

  /** True when include or exclude paths are configured. */
  public boolean pathConstrained() {
    return include != null || exclude != null;
  }

  /** Kargo's {@code MatchesRef}: does a change of {@code ref} concern this subscription? */
  public boolean matchesRef(String ref) {
    if (!tagBased()) {
      if (!ref.startsWith("refs/heads/")) {
        return false;
      }
      String branch = ref.substring("refs/heads/".length());
      if (req.branch() == null || req.branch().isEmpty()) {
        return branch.equals("main") || branch.equals("master");
      }
      return req.branch().equals(branch);
    }
    return ref.startsWith("refs/tags/") && matchesTag(ref);
  }

  /** The name filters (and for SemVer: parses, strictness, constraint). {@code refs/tags/} is stripped. */
  public boolean matchesTag(String tag) {
    String t = tag.startsWith("refs/tags/") ? tag.substring("refs/tags/".length()) : tag;
    for (GoRegexp p : ignore) {
      if (p.matchString(t)) {
        return false;
      }
    }
    if (!allow.isEmpty() && allow.stream().noneMatch(p -> p.matchString(t))) {
      return false;
    }
    if (req.strategy() == CommitSelectionStrategy.SEMVER) {
      SemVer sv = SemVer.parseTag(t, req.strictSemvers()).orElse(null);
      return sv != null && (constraint == null || constraint.check(sv));
    }
    return true;
  }

  /**
   * Kargo's {@code ListRefs} for tag strategies: the matching tags of {@code refs} (name to id,
   * full ref names) sorted by name, or null when more than {@link #MAX_OBSERVED_TAGS} match.
   */
  public GitDiscoveryRefs observeTags(Map<String, String> refs) {
    List<DiscoveredRef> tags = new ArrayList<>();
    refs.forEach((name, id) -> {
      if (name.startsWith("refs/tags/") && !name.endsWith("^{}")) {
        String t = name.substring("refs/tags/".length());
        if (matchesTag(t)) {
          tags.add(new DiscoveredRef(t, id));
        }
      }
    });
    if (tags.size() > MAX_OBSERVED_TAGS) {
      return null;
    }
    tags.sort(Comparator.comparing(DiscoveredRef::name));
    return new GitDiscoveryRefs(null, tags);
  }

  /** The expression filter on one candidate's variables; true when there is no filter. */
  public boolean acceptsExpression(Map<String, Object> env) {
    if (filter == null) {
      return true;
    }
    Object r;
    try {
      r = filter.evaluate(env);
    } catch (KargoException e) {
      throw new KargoException("git subscription " + RepoUrls.redact(req.repoURL())
          + ": error evaluating filter expression: " + e.getMessage());
    }
    if (r instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(r);
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new KargoException("git subscription " + RepoUrls.redact(req.repoURL())
          + ": error parsing expression result: the filter gave " + s + ", which is not a boolean");
    };
  }

  /** The variables of a tag for {@code expressionFilter}. */
  public static Map<String, Object> tagEnv(TagInfo t) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("tag", t.tag());
    env.put("id", t.commitId());
    env.put("creatorDate", t.creatorDate().atZone(ZoneOffset.UTC));
    env.put("author", t.author());
    env.put("committer", t.committer());
    env.put("subject", t.subject());
    env.put("tagger", t.tagger());
    env.put("annotation", t.annotation());
    return env;
  }

  /** The variables of a branch commit for {@code expressionFilter}. */
  public static Map<String, Object> commitEnv(String id, Instant commitDate, String author, String committer,
      String subject) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("id", id);
    env.put("commitDate", commitDate.atZone(ZoneOffset.UTC));
    env.put("author", author);
    env.put("committer", committer);
    env.put("subject", subject);
    return env;
  }

  /** Kargo's {@code MatchesPaths} for this subscription. */
  public boolean matchesPaths(List<String> paths) {
    return PathPatterns.matchesPaths(paths, include, exclude);
  }

  /**
   * The tag pipeline: name filters, expression, the strategy's order (SemVer: version then text,
   * descending; Lexical: text descending; NewestTag: as given, newest first), path filters
   * (asking {@code diffPaths} per candidate, stopping at the limit), then the limit
   * ({@code limit} ≤ 0 means none).
   */
  public List<TagInfo> selectTags(List<TagInfo> tagsNewestFirst, Function<String, List<String>> diffPaths, int limit) {
    List<TagInfo> tags = new ArrayList<>();
    for (TagInfo t : tagsNewestFirst) {
      if (matchesTag(t.tag())) {
        tags.add(t);
      }
    }
    if (filter != null) {
      tags.removeIf(t -> !acceptsExpression(tagEnv(t)));
    }
    switch (req.strategy()) {
      case SEMVER -> {
        Map<TagInfo, SemVer> versions = new LinkedHashMap<>();
        for (TagInfo t : tags) {
          versions.put(t, SemVer.parseTag(t.tag(), req.strictSemvers()).orElseThrow());
        }
        tags.sort((a, b) -> {
          int c = versions.get(b).compareTo(versions.get(a));
          return c != 0 ? c : b.tag().compareTo(a.tag());
        });
      }
      case LEXICAL -> tags.sort((a, b) -> b.tag().compareTo(a.tag()));
      default -> { }
    }
    if (pathConstrained() && !tags.isEmpty()) {
      List<TagInfo> kept = new ArrayList<>();
      for (TagInfo t : tags) {
        if (matchesPaths(diffPaths.apply(t.commitId()))) {
          kept.add(t);
        }
        if (limit > 0 && kept.size() >= limit) {
          break;
        }
      }
      tags = kept;
    }
    return limit > 0 && tags.size() > limit ? new ArrayList<>(tags.subList(0, limit)) : tags;
  }

  /** Kargo's {@code shortenString(subject, 80)}. */
  public static String shorten(String s) {
    return s != null && s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
