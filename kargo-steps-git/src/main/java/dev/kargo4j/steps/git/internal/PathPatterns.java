package dev.kargo4j.steps.git.internal;

import dev.kargo4j.expr.GoRegexp;
import dev.kargo4j.expr.InvalidRegexpException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Kargo's path selectors ({@code pkg/pattern} {@code ParsePathPattern}): {@code regex:} or
 * {@code regexp:} (unanchored), {@code glob:} (doublestar, matched against the whole path), or a
 * plain path matching itself and everything below it ({@code filepath.Rel} without {@code ..}).
 * Several selectors are ORed. Regexes and globs are RE2 ({@link GoRegexp}): linear time, Go's
 * syntax. Stateless.
 */
public final class PathPatterns {
  private PathPatterns() {}

  /** One selector; fails with an {@link IllegalArgumentException} for a bad regex or glob. */
  public static Predicate<String> parse(String selector) {
    if (selector.startsWith("glob:")) {
      GoRegexp p = glob(selector.substring(5));
      return p::matchesEntirely;
    }
    String regex = selector.startsWith("regex:") ? selector.substring(6)
        : selector.startsWith("regexp:") ? selector.substring(7) : null;
    if (regex != null) {
      try {
        GoRegexp p = GoRegexp.compile(regex);
        return p::matchString;
      } catch (InvalidRegexpException e) {
        throw new IllegalArgumentException("invalid regular expression '" + regex + "': " + e.reason());
      }
    }
    return s -> {
      String rel = rel(selector, s);
      return rel != null && !rel.contains("..");
    };
  }

  /** The OR of {@code selectors}, or null when there are none (not configured). */
  public static Predicate<String> any(List<String> selectors) {
    if (selectors == null || selectors.isEmpty()) {
      return null;
    }
    List<Predicate<String>> ps = new ArrayList<>();
    for (String s : selectors) {
      ps.add(parse(s));
    }
    return s -> ps.stream().anyMatch(p -> p.test(s));
  }

  /** Kargo's {@code MatchesPaths}: some path is included (or no includes) and not excluded. */
  public static boolean matchesPaths(List<String> paths, Predicate<String> include, Predicate<String> exclude) {
    for (String path : paths) {
      if (include != null && !include.test(path)) {
        continue;
      }
      if (exclude != null && exclude.test(path)) {
        continue;
      }
      return true;
    }
    return false;
  }

  /** Go's {@code filepath.Rel(base, target)}, or null where Go returns an error. */
  static String rel(String base, String target) {
    String b = clean(base);
    String t = clean(target);
    if (b.equals(t)) {
      return ".";
    }
    if (b.equals(".")) {
      b = "";
    }
    if (b.startsWith("/") != t.startsWith("/")) {
      return null;
    }
    String[] bs = b.isEmpty() ? new String[0] : b.split("/");
    String[] ts = t.split("/");
    int i = 0;
    while (i < bs.length && i < ts.length && bs[i].equals(ts[i])) {
      i++;
    }
    List<String> out = new ArrayList<>();
    for (int j = i; j < bs.length; j++) {
      if (bs[j].equals("..")) {
        return null;
      }
      if (!bs[j].isEmpty()) {
        out.add("..");
      }
    }
    for (int j = i; j < ts.length; j++) {
      if (!ts[j].isEmpty()) {
        out.add(ts[j]);
      }
    }
    return out.isEmpty() ? "." : String.join("/", out);
  }

  /** Go's {@code path.Clean}. */
  static String clean(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    boolean rooted = p.startsWith("/");
    List<String> out = new ArrayList<>();
    for (String seg : p.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
        } else if (!rooted) {
          out.add("..");
        }
      } else {
        out.add(seg);
      }
    }
    String s = String.join("/", out);
    if (rooted) {
      return "/" + s;
    }
    return s.isEmpty() ? "." : s;
  }

  /** A doublestar glob as a regular expression over the whole path. */
  static GoRegexp glob(String g) {
    StringBuilder re = new StringBuilder();
    int n = g.length();
    int braces = 0;
    for (int i = 0; i < n; i++) {
      char c = g.charAt(i);
      switch (c) {
        case '*' -> {
          boolean dbl = i + 1 < n && g.charAt(i + 1) == '*';
          boolean segStart = i == 0 || g.charAt(i - 1) == '/';
          if (dbl && segStart && (i + 2 == n || g.charAt(i + 2) == '/')) {
            if (i + 2 == n) {
              re.append(".*");
              i++;
            } else {
              re.append("(?:.*/)?");
              i += 2;
            }
          } else {
            re.append("[^/]*");
            if (dbl) {
              i++;
            }
          }
        }
        case '?' -> re.append("[^/]");
        case '[' -> {
          int end = g.indexOf(']', i + 2);
          if (end < 0) {
            throw new IllegalArgumentException("invalid glob '" + g + "': unclosed '['");
          }
          String cls = g.substring(i + 1, end);
          if (cls.startsWith("!") || cls.startsWith("^")) {
            cls = "^" + cls.substring(1);
          }
          re.append('[').append(cls.replace("\\", "\\\\")).append(']');
          i = end;
        }
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces == 0) {
            throw new IllegalArgumentException("invalid glob '" + g + "': unmatched '}'");
          }
          braces--;
          re.append(')');
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        case '\\' -> {
          if (i + 1 < n) {
            re.append(GoRegexp.quoteMeta(String.valueOf(g.charAt(++i))));
          }
        }
        default -> re.append(GoRegexp.quoteMeta(String.valueOf(c)));
      }
    }
    if (braces != 0) {
      throw new IllegalArgumentException("invalid glob '" + g + "': unclosed '{'");
    }
    try {
      return GoRegexp.compile(re.toString());
    } catch (InvalidRegexpException e) {
      throw new IllegalArgumentException("invalid glob '" + g + "': " + e.reason());
    }
  }
}
