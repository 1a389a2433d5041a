package dev.kargo4j.core.steps.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of gitignore patterns, matched as go-git v5's {@code gitignore.Matcher} (which
 * Kargo's {@code copy} step uses) matches them: the last pattern that matches decides; {@code !}
 * re-includes; a trailing {@code /} matches directories only; a pattern with a {@code /} is
 * anchored at the base directory, one without matches any path segment; {@code **} spans
 * directories. Paths are given as segments relative to the base directory. Immutable and
 * thread-safe.
 */
public final class GitIgnore {
  private final List<Rule> rules;

  private record Rule(List<String> segments, boolean inclusion, boolean dirOnly, boolean glob) {}

  private GitIgnore(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * The patterns of {@code text} (one a line; blank lines and lines starting with {@code #}
   * are skipped), after the {@code first} patterns.
   */
  public static GitIgnore of(List<String> first, String text) {
    List<Rule> rules = new ArrayList<>();
    for (String p : first) {
      rules.add(parse(p));
    }
    if (text != null) {
      for (String line : text.split("\r?\n", -1)) {
        if (!line.startsWith("#") && !line.isBlank()) {
          rules.add(parse(line));
        }
      }
    }
    return new GitIgnore(rules);
  }

  private static Rule parse(String p) {
    boolean inclusion = p.startsWith("!");
    if (inclusion) {
      p = p.substring(1);
    }
    if (!p.endsWith("\\ ")) {
      p = p.replaceAll(" +$", "");
    }
    boolean dirOnly = p.endsWith("/");
    if (dirOnly) {
      p = p.substring(0, p.length() - 1);
    }
    boolean glob = p.contains("/");
    return new Rule(List.of(p.split("/", -1)), inclusion, dirOnly, glob);
  }

  /** Whether the path (segments below the base directory, at least one) is ignored. */
  public boolean isIgnored(List<String> path, boolean isDir) {
    if (path.isEmpty()) {
      return false;
    }
    for (int i = rules.size() - 1; i >= 0; i--) {
      Rule r = rules.get(i);
      boolean m = r.glob() ? globMatch(r, path, isDir) : simpleNameMatch(r, path, isDir);
      if (m) {
        return !r.inclusion();
      }
    }
    return false;
  }

  private static boolean simpleNameMatch(Rule r, List<String> path, boolean isDir) {
    for (int i = 0; i < path.size(); i++) {
      if (!GoPathMatch.matches(r.segments().get(0), path.get(i))) {
        continue;
      }
      return !(r.dirOnly() && !isDir && i == path.size() - 1);
    }
    return false;
  }

  private static boolean globMatch(Rule r, List<String> fullPath, boolean isDir) {
    List<String> path = fullPath;
    boolean matched = false;
    boolean canTraverse = false;
    List<String> segs = r.segments();
    for (int i = 0; i < segs.size(); i++) {
      String seg = segs.get(i);
      if (seg.isEmpty()) {
        canTraverse = false;
        continue;
      }
      if (seg.equals("**")) {
        if (i == segs.size() - 1) {
          break;
        }
        canTraverse = true;
        continue;
      }
      if (seg.contains("**") || path.isEmpty()) {
        return false;
      }
      if (canTraverse) {
        canTraverse = false;
        while (!path.isEmpty()) {
          String e = path.get(0);
          path = path.subList(1, path.size());
          if (GoPathMatch.matches(seg, e)) {
            matched = true;
            break;
          } else if (path.isEmpty()) {
            matched = false;
          }
        }
      } else {
        if (!GoPathMatch.matches(seg, path.get(0))) {
          return false;
        }
        matched = true;
        path = path.subList(1, path.size());
      }
    }
    return !(matched && r.dirOnly() && !isDir && path.isEmpty()) && matched;
  }
}
