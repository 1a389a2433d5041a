package dev.kargo4j.core.discovery.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.expr.GoRegexp;
import dev.kargo4j.expr.InvalidRegexpException;
import java.util.ArrayList;
import java.util.List;

/**
 * Kargo's tag filter for tag-based strategies: a tag is dropped when ANY ignore regex matches,
 * otherwise kept when there are no allow regexes or ANY of them matches. Regexes are unanchored
 * searches, as Go's {@code MatchString}, in RE2 syntax and linear time ({@link GoRegexp}).
 * Immutable and thread-safe.
 */
public final class TagFilter {
  private final List<GoRegexp> allow;
  private final List<GoRegexp> ignore;

  private TagFilter(List<GoRegexp> allow, List<GoRegexp> ignore) {
    this.allow = allow;
    this.ignore = ignore;
  }

  /**
   * Compiles the regexes; {@code where} names the subscription for messages.
   *
   * @throws KargoException naming the field, the index and the regex that does not compile
   */
  public static TagFilter of(List<String> allowRegexes, List<String> ignoreRegexes, String where) {
    return new TagFilter(compile(allowRegexes, "allowTagsRegexes", where), compile(ignoreRegexes, "ignoreTagsRegexes", where));
  }

  private static List<GoRegexp> compile(List<String> regexes, String field, String where) {
    List<GoRegexp> out = new ArrayList<>(regexes.size());
    for (int i = 0; i < regexes.size(); i++) {
      try {
        out.add(GoRegexp.compile(regexes.get(i), where + ": " + field + "[" + i + "]"));
      } catch (InvalidRegexpException e) {
        throw new KargoException(e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  /** Whether {@code tag} passes. */
  public boolean matches(String tag) {
    for (GoRegexp p : ignore) {
      if (p.matchString(tag)) {
        return false;
      }
    }
    if (allow.isEmpty()) {
      return true;
    }
    for (GoRegexp p : allow) {
      if (p.matchString(tag)) {
        return true;
      }
    }
    return false;
  }

  /** The tags that pass, in order. */
  public List<String> filter(List<String> tags) {
    List<String> out = new ArrayList<>(tags.size());
    for (String t : tags) {
      if (matches(t)) {
        out.add(t);
      }
    }
    return out;
  }
}
