package dev.kargo4j.core.discovery.internal;

import dev.kargo4j.KargoException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Kargo's tag filter for tag-based strategies: a tag is dropped when ANY ignore regex matches,
 * otherwise kept when there are no allow regexes or ANY of them matches. Regexes are unanchored
 * searches, as Go's {@code MatchString}. Immutable and thread-safe.
 */
public final class TagFilter {
  private final List<Pattern> allow;
  private final List<Pattern> ignore;

  private TagFilter(List<Pattern> allow, List<Pattern> ignore) {
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

  private static List<Pattern> compile(List<String> regexes, String field, String where) {
    List<Pattern> out = new ArrayList<>(regexes.size());
    for (int i = 0; i < regexes.size(); i++) {
      try {
        out.add(Pattern.compile(regexes.get(i)));
      } catch (PatternSyntaxException e) {
        throw new KargoException(where + ": " + field + "[" + i + "] \"" + regexes.get(i)
            + "\" is not a valid regular expression (" + e.getDescription() + "); allowed: RE2 syntax such as ^v1\\.");
      }
    }
    return List.copyOf(out);
  }

  /** Whether {@code tag} passes. */
  public boolean matches(String tag) {
    for (Pattern p : ignore) {
      if (p.matcher(tag).find()) {
        return false;
      }
    }
    if (allow.isEmpty()) {
      return true;
    }
    for (Pattern p : allow) {
      if (p.matcher(tag).find()) {
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
