package dev.kargo4j.expr.internal.eval;

import dev.kargo4j.expr.internal.ExprError;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles Go (RE2) regular expressions to {@link Pattern}s with RE2's meaning where the two
 * syntaxes differ: {@code $} and {@code \Z} end the text, {@code .} excludes only {@code \n},
 * {@code (?P<name>)} is a named group, POSIX classes such as {@code [[:alpha:]]} work, and
 * {@code [} or {@code &&} inside a class are literal. Features RE2 lacks (look-around,
 * back-references, possessive quantifiers) are refused, as Go refuses them.
 */
public final class GoRegex {
  private GoRegex() {}

  /**
   * Compiles {@code re}.
   *
   * @throws ExprError (without position) naming the syntax error
   */
  public static Pattern compile(String re) {
    String java = translate(re);
    try {
      return Pattern.compile(java, Pattern.UNIX_LINES);
    } catch (PatternSyntaxException e) {
      throw new ExprError(-1, "error parsing regexp: " + e.getDescription() + ": `" + re + "`",
          "a valid RE2 regular expression");
    }
  }

  private static ExprError unsupported(String what, String re) {
    return new ExprError(-1, "error parsing regexp: " + what,
        "a valid RE2 regular expression (no look-around or back-references)");
  }

  private static String translate(String re) {
    StringBuilder out = new StringBuilder(re.length() + 16);
    boolean multiline = false;
    int n = re.length();
    int i = 0;
    while (i < n) {
      char c = re.charAt(i);
      if (c == '\\') {
        if (i + 1 >= n) {
          throw unsupported("trailing backslash at end of expression: ``", re);
        }
        char e = re.charAt(i + 1);
        if (e >= '1' && e <= '9') {
          throw unsupported("invalid escape sequence: `\\" + e + "`", re);
        }
        if (e == 'Z') {
          out.append("\\z");
        } else if (e == 'Q') {
          int end = re.indexOf("\\E", i + 2);
          String lit = end < 0 ? re.substring(i + 2) : re.substring(i + 2, end);
          out.append(Pattern.quote(lit));
          i = end < 0 ? n : end + 2;
          continue;
        } else {
          out.append(c).append(e);
        }
        i += 2;
        continue;
      }
      if (c == '[') {
        i = charClass(re, i, out);
        continue;
      }
      if (c == '(' && i + 1 < n && re.charAt(i + 1) == '?') {
        if (re.startsWith("(?P<", i)) {
          out.append("(?<");
          i += 4;
          continue;
        }
        if (re.startsWith("(?=", i) || re.startsWith("(?!", i) || re.startsWith("(?<=", i)
            || re.startsWith("(?<!", i) || re.startsWith("(?>", i)) {
          throw unsupported("invalid or unsupported Perl syntax: `" + re.substring(i,
              Math.min(n, i + 3)) + "`", re);
        }
        int j = i + 2;
        while (j < n && Character.isLetter(re.charAt(j)) || j < n && re.charAt(j) == '-') {
          if (re.charAt(j) == 'm') {
            multiline = true;
          }
          if (re.charAt(j) == 'U') {
            throw unsupported("ungreedy flag (?U) is not supported: `" + re + "`", re);
          }
          j++;
        }
        out.append(re, i, j);
        i = j;
        continue;
      }
      if (c == '$' && !multiline) {
        out.append("\\z");
        i++;
        continue;
      }
      if ((c == '+' || c == '*' || c == '?' || c == '}') && i + 1 < n && re.charAt(i + 1) == '+') {
        throw unsupported("invalid nested repetition operator: `" + c + "+`", re);
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static final String[][] POSIX = {
    {"[:alnum:]", "\\p{Alnum}"}, {"[:alpha:]", "\\p{Alpha}"}, {"[:ascii:]", "\\x00-\\x7F"},
    {"[:blank:]", " \\t"}, {"[:cntrl:]", "\\p{Cntrl}"}, {"[:digit:]", "0-9"},
    {"[:graph:]", "\\p{Graph}"}, {"[:lower:]", "a-z"}, {"[:print:]", "\\p{Print}"},
    {"[:punct:]", "\\p{Punct}"}, {"[:space:]", "\\t\\n\\x0B\\f\\r "}, {"[:upper:]", "A-Z"},
    {"[:word:]", "0-9A-Za-z_"}, {"[:xdigit:]", "0-9A-Fa-f"},
  };

  private static int charClass(String re, int start, StringBuilder out) {
    int n = re.length();
    int i = start + 1;
    out.append('[');
    if (i < n && re.charAt(i) == '^') {
      out.append('^');
      i++;
    }
    if (i < n && re.charAt(i) == ']') {
      out.append("\\]");
      i++;
    }
    while (i < n) {
      char c = re.charAt(i);
      if (c == ']') {
        out.append(']');
        return i + 1;
      }
      if (c == '\\' && i + 1 < n) {
        out.append(c).append(re.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == '[') {
        boolean matched = false;
        for (String[] p : POSIX) {
          if (re.startsWith(p[0], i)) {
            out.append(p[1]);
            i += p[0].length();
            matched = true;
            break;
          }
          String negated = "[:^" + p[0].substring(2);
          if (re.startsWith(negated, i)) {
            throw unsupported("negated POSIX classes are not supported: `" + re + "`", re);
          }
        }
        if (!matched) {
          out.append("\\[");
          i++;
        }
        continue;
      }
      if (c == '&' && i + 1 < n && re.charAt(i + 1) == '&') {
        out.append("&\\&");
        i += 2;
        continue;
      }
      out.append(c);
      i++;
    }
    throw unsupported("missing closing ]: `" + re.substring(start) + "`", re);
  }

  /**
   * Wraps text so that a runaway match notices the deadline: Java's backtracking engine is not
   * linear like RE2, so the frame's time budget is checked while the matcher reads chars.
   */
  static CharSequence guarded(String s, Frame f, int pos) {
    if (f == null || s.length() < 16) {
      return s;
    }
    return new Guarded(s, f, pos);
  }

  private static final class Guarded implements CharSequence {
    private final String s;
    private final Frame f;
    private final int pos;
    private int reads;

    Guarded(String s, Frame f, int pos) {
      this.s = s;
      this.f = f;
      this.pos = pos;
      f.checkDeadline(pos); // starts the clock, or fails when it has already run out
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 0xFFFF) == 0) {
        f.checkDeadline(pos);
      }
      return s.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return s.subSequence(start, end);
    }

    @Override
    public String toString() {
      return s;
    }
  }
}
