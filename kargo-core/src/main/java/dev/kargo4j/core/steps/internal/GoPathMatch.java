package dev.kargo4j.core.steps.internal;

/**
 * Go's {@code path/filepath.Match} for one path segment: {@code *} (any run of characters),
 * {@code ?} (one character), {@code [...]} classes with {@code ^} negation and ranges, and
 * backslash escapes. A malformed pattern matches nothing, as Go's error does for go-git.
 * Stateless and thread-safe.
 */
final class GoPathMatch {
  private GoPathMatch() {}

  static boolean matches(String pattern, String text) {
    try {
      return match(pattern, 0, text, 0);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  private static boolean match(String p, int pi, String t, int ti) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return true;
        }
        for (int k = ti; k <= t.length(); k++) {
          if (match(p, pi, t, k)) {
            return true;
          }
        }
        validate(p, pi); // Go reports a malformed rest of the pattern even without a match
        return false;
      }
      if (ti >= t.length()) {
        validate(p, pi);
        return false;
      }
      char tc = t.charAt(ti);
      if (c == '\\') {
        if (pi + 1 >= p.length()) {
          throw new IllegalArgumentException("bad pattern");
        }
        if (p.charAt(pi + 1) != tc) {
          return false;
        }
        pi += 2;
      } else if (c == '?') {
        pi++;
      } else if (c == '[') {
        int[] res = new int[1];
        boolean m = bracket(p, pi, tc, res);
        if (!m) {
          return false;
        }
        pi = res[0];
      } else {
        if (c != tc) {
          return false;
        }
        pi++;
      }
      ti++;
    }
    return ti == t.length();
  }

  private static void validate(String p, int pi) {
    for (int i = pi; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        if (++i >= p.length()) {
          throw new IllegalArgumentException("bad pattern");
        }
      } else if (c == '[') {
        int[] res = new int[1];
        bracket(p, i, '\0', res);
        i = res[0] - 1;
      }
    }
  }

  /** Whether the class at {@code pi} matches {@code tc}; {@code next[0]} is the index after it. */
  private static boolean bracket(String p, int pi, char tc, int[] next) {
    int i = pi + 1;
    boolean negated = i < p.length() && p.charAt(i) == '^';
    if (negated) {
      i++;
    }
    boolean matched = false;
    int ranges = 0;
    while (true) {
      if (i < p.length() && p.charAt(i) == ']' && ranges > 0) {
        i++;
        break;
      }
      int[] pos = {i};
      char lo = esc(p, pos);
      char hi = lo;
      if (pos[0] < p.length() && p.charAt(pos[0]) == '-') {
        pos[0]++;
        hi = esc(p, pos);
      }
      i = pos[0];
      if (lo <= tc && tc <= hi) {
        matched = true;
      }
      ranges++;
    }
    next[0] = i;
    return matched != negated;
  }

  private static char esc(String p, int[] pos) {
    int i = pos[0];
    if (i >= p.length() || p.charAt(i) == '-' || p.charAt(i) == ']') {
      throw new IllegalArgumentException("bad pattern");
    }
    if (p.charAt(i) == '\\') {
      i++;
      if (i >= p.length()) {
        throw new IllegalArgumentException("bad pattern");
      }
    }
    pos[0] = i + 1;
    return p.charAt(i);
  }
}
