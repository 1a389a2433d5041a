package dev.kargo4j.core.steps.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A doublestar glob over {@code /}-separated relative paths, as Kargo's {@code delete} step
 * matches them (bmatcuk/doublestar v4): {@code *} and {@code ?} stay within a segment,
 * {@code **} as a whole segment spans zero or more directories, {@code [...]} classes
 * ({@code !} or {@code ^} negates), {@code {a,b}} alternatives and backslash escapes.
 * Immutable and thread-safe.
 */
public final class Glob {
  private final String source;
  private final Pattern regex;

  private Glob(String source, Pattern regex) {
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
    return new Glob(pattern, Pattern.compile(translate(p, 0, p.length(), pattern), Pattern.DOTALL));
  }

  /** Whether the relative path (segments joined with {@code /}) matches. */
  public boolean matches(String relativePath) {
    return regex.matcher(relativePath).matches();
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
          re.append(Pattern.quote(String.valueOf(p.charAt(i + 1))));
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
          re.append(c == '/' ? "/" : Pattern.quote(String.valueOf(c)));
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
    StringBuilder cls = new StringBuilder("[");
    if (i < to && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
      cls.append("^/");
      i++;
    }
    boolean first = true;
    boolean afterElement = false;
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
        cls.append('-');
        afterElement = false;
      } else {
        if (Character.isLetterOrDigit(c)) {
          cls.append(c);
        } else {
          cls.append('\\').append(c);
        }
        afterElement = true;
      }
      i++;
    }
    cls.append(']');
    re.append("(?!/)").append(cls);
    return i + 1;
  }

  private static IllegalArgumentException bad(String pattern, String why) {
    return new IllegalArgumentException("invalid glob pattern \"" + pattern + "\": it " + why);
  }
}
