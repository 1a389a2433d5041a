package dev.kargo4j.core.steps.internal;

import dev.kargo4j.expr.GoRegexp;
import dev.kargo4j.expr.InvalidRegexpException;
import java.util.ArrayList;
import java.util.List;

/**
 * A doublestar glob over {@code /}-separated relative paths, as Kargo's {@code delete} step
 * matches them (bmatcuk/doublestar v4): {@code *} and {@code ?} stay within a segment,
 * {@code **} as a whole segment spans zero or more directories, {@code [...]} classes
 * ({@code !} or {@code ^} negates), {@code {a,b}} alternatives and backslash escapes.
 * Immutable and thread-safe.
 */
public final class Glob {
  private final String source;
  private final GoRegexp regex;

  private Glob(String source, GoRegexp regex) {
    this.source = source;
    this.regex = regex;
  }

  /**
   * Compiles {@code pattern}.
   *
   * @throws IllegalArgumentException for a malformed pattern (an unclosed {@code [} or
   *     {@code {}, a trailing backslash)
   */
  public static Glob compile(String pattern) {
    String p = pattern.startsWith("./") ? pattern.substring(2) : pattern;
    // RE2 (linear time): a glob such as *a*a*a*a*b cannot backtrack for hours
    try {
      return new Glob(pattern, GoRegexp.compile("(?s)" + translate(p, 0, p.length(), pattern)));
    } catch (InvalidRegexpException e) {
      throw bad(pattern, "does not translate to a valid expression (" + e.reason() + ")");
    }
  }

  /** Whether the relative path (segments joined with {@code /}) matches. */
  public boolean matches(String relativePath) {
    return regex.matchesEntirely(relativePath);
  }

  @Override
  public String toString() {
    return source;
  }

  private static String translate(String p, int from, int to, String whole) {
    StringBuilder re = new StringBuilder();
    int i = from;
    while (i < to) {
      char c = p.charAt(i);
      switch (c) {
        case '*' -> {
          boolean dbl = i + 1 < to && p.charAt(i + 1) == '*';
          boolean atStart = i == from || p.charAt(i - 1) == '/';
          boolean atEnd = i + 2 >= to || p.charAt(i + 2) == '/';
          if (dbl && atStart && atEnd) {
            if (i + 2 >= to) {
              // trailing "**": everything below, and the directory itself
              if (re.length() >= 1 && re.charAt(re.length() - 1) == '/') {
                re.setLength(re.length() - 1);
                re.append("(?:/.*)?");
              } else {
                re.append(".*");
              }
              i += 2;
            } else {
              re.append("(?:[^/]*/)*"); // "**/": zero or more directories
              i += 3;
            }
          } else {
            while (i < to && p.charAt(i) == '*') {
              i++;
            }
            re.append("[^/]*");
          }
        }
        case '?' -> {
          re.append("[^/]");
          i++;
        }
        case '\\' -> {
          if (i + 1 >= to) {
            throw bad(whole, "ends with a backslash");
          }
          re.append(GoRegexp.quoteMeta(String.valueOf(p.charAt(i + 1))));
          i += 2;
        }
        case '[' -> i = bracket(p, i, to, whole, re);
        case '{' -> {
          int close = matching(p, i, to, whole);
          List<String> alts = new ArrayList<>();
          int depth = 0;
          int start = i + 1;
          for (int k = i + 1; k < close; k++) {
            char a = p.charAt(k);
            if (a == '\\') {
              k++;
            } else if (a == '{') {
              depth++;
            } else if (a == '}') {
              depth--;
            } else if (a == ',' && depth == 0) {
              alts.add(translate(p, start, k, whole));
              start = k + 1;
            }
          }
          alts.add(translate(p, start, close, whole));
          re.append("(?:").append(String.join("|", alts)).append(')');
          i = close + 1;
        }
        default -> {
          re.append(c == '/' ? "/" : GoRegexp.quoteMeta(String.valueOf(c)));
          i++;
        }
      }
    }
    return re.toString();
  }

  private static int matching(String p, int open, int to, String whole) {
    int depth = 0;
    for (int k = open; k < to; k++) {
      char a = p.charAt(k);
      if (a == '\\') {
        k++;
      } else if (a == '{') {
        depth++;
      } else if (a == '}' && --depth == 0) {
        return k;
      }
    }
    throw bad(whole, "has an unclosed '{'");
  }

  private static int bracket(String p, int open, int to, String whole, StringBuilder re) {
    int i = open + 1;
    boolean negated = false;
    if (i < to && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
      negated = true;
      i++;
    }
    List<int[]> ranges = new ArrayList<>();
    boolean first = true;
    boolean afterElement = false;
    boolean pendingRange = false;
    while (true) {
      if (i >= to) {
        throw bad(whole, "has an unclosed '['");
      }
      char c = p.charAt(i);
      if (c == ']' && !first) {
        break;
      }
      first = false;
      boolean escaped = false;
      if (c == '\\') {
        if (i + 1 >= to) {
          throw bad(whole, "ends with a backslash");
        }
        c = p.charAt(++i);
        escaped = true;
      }
      if (c == '-' && !escaped && afterElement && i + 1 < to && p.charAt(i + 1) != ']') {
        pendingRange = true;
        afterElement = false;
      } else {
        if (pendingRange) {
          int[] last = ranges.get(ranges.size() - 1);
          if (c < last[0]) {
            throw bad(whole, "has an inverted range " + (char) last[0] + "-" + c);
          }
          last[1] = c;
          pendingRange = false;
        } else {
          ranges.add(new int[] {c, c});
        }
        afterElement = true;
      }
      i++;
    }
    // a class never matches '/': RE2 has no look-ahead, so '/' is cut out of the ranges
    StringBuilder cls = new StringBuilder(negated ? "[^/" : "[");
    for (int[] r : ranges) {
      if (negated || r[1] < '/' || r[0] > '/') {
        range(cls, r[0], r[1]);
      } else {
        if (r[0] < '/') {
          range(cls, r[0], '/' - 1);
        }
        if (r[1] > '/') {
          range(cls, '/' + 1, r[1]);
        }
      }
    }
    if (cls.length() == 1) {
      re.append("[^\\x00-\\x{10FFFF}]"); // a class of only '/' matches nothing
    } else {
      re.append(cls).append(']');
    }
    return i + 1;
  }

  private static void range(StringBuilder cls, int lo, int hi) {
    cls.append(String.format("\\x{%X}", lo));
    if (hi != lo) {
      cls.append('-').append(String.format("\\x{%X}", hi));
    }
  }

  private static IllegalArgumentException bad(String pattern, String why) {
    return new IllegalArgumentException("invalid glob pattern \"" + pattern + "\": it " + why);
  }
}
