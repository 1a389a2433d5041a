package dev.kargo4j.steps.git.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Masterminds/semver v3 constraint ({@code NewConstraint} / {@code Check}): {@code ||} of
 * comma- or space-separated comparisons with {@code = != > < >= <= ~ ~> ^}, wildcards
 * ({@code x}, {@code X}, {@code *}) and hyphen ranges; a prerelease only matches when its
 * {@code ||} group names a prerelease. Immutable and thread-safe.
 */
public final class SemverConstraint {
  private static final String CV = "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?"
      + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
  private static final String OPS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
  private static final Pattern CONSTRAINT = Pattern.compile("^\\s*(" + OPS + ")\\s*(" + CV + ")\\s*$");
  private static final Pattern RANGE = Pattern.compile("\\s*(" + CV + ")\\s+-\\s+(" + CV + ")\\s*");
  private static final Pattern FIND = Pattern.compile("(" + OPS + ")\\s*(" + CV + ")");
  private static final Pattern VALID = Pattern.compile("^(\\s*(" + OPS + ")\\s*(" + CV + ")\\s*)((?:\\s+|,\\s*)("
      + OPS + ")\\s*(" + CV + ")\\s*)*$");

  private record Part(String op, SemVersion con, String orig, boolean dirty, boolean minorDirty, boolean patchDirty) {}

  private final List<List<Part>> groups;
  private final List<Boolean> containsPre;
  private final String text;

  private SemverConstraint(List<List<Part>> groups, List<Boolean> containsPre, String text) {
    this.groups = groups;
    this.containsPre = containsPre;
    this.text = text;
  }

  /** Parses {@code c}; fails with an {@link IllegalArgumentException} naming the bad part. */
  public static SemverConstraint parse(String c) {
    String rewritten = rewriteRange(c);
    List<List<Part>> groups = new ArrayList<>();
    List<Boolean> pre = new ArrayList<>();
    for (String or : rewritten.split("\\|\\|", -1)) {
      if (!VALID.matcher(or).matches()) {
        throw new IllegalArgumentException("improper constraint: \"" + or + "\"");
      }
      List<String> found = new ArrayList<>();
      Matcher m = FIND.matcher(or);
      while (m.find()) {
        found.add(m.group());
      }
      if (found.isEmpty()) {
        found.add(or);
      }
      List<Part> parts = new ArrayList<>();
      boolean hasPre = false;
      for (String s : found) {
        Part p = parsePart(s);
        if (!p.con.prerelease().isEmpty()) {
          hasPre = true;
        }
        parts.add(p);
      }
      groups.add(parts);
      pre.add(hasPre);
    }
    return new SemverConstraint(groups, pre, c);
  }

  private static boolean isX(String s) {
    return s.equals("x") || s.equals("X") || s.equals("*");
  }

  private static Part parsePart(String c) {
    Matcher m = CONSTRAINT.matcher(c);
    if (!m.matches()) {
      throw new IllegalArgumentException("improper constraint: \"" + c + "\"");
    }
    String op = m.group(1);
    String ver = m.group(2);
    String g3 = nz(m.group(3));
    String g4 = nz(m.group(4));
    String g5 = nz(m.group(5));
    String g6 = nz(m.group(6));
    boolean dirty = false;
    boolean minorDirty = false;
    boolean patchDirty = false;
    if (isX(g3) || g3.isEmpty()) {
      ver = "0.0.0" + g6;
      dirty = true;
    } else if (isX(trimDot(g4)) || g4.isEmpty()) {
      minorDirty = true;
      dirty = true;
      ver = g3 + ".0.0" + g6;
    } else if (isX(trimDot(g5)) || g5.isEmpty()) {
      dirty = true;
      patchDirty = true;
      ver = g3 + g4 + ".0" + g6;
    }
    SemVersion con = SemVersion.parse(ver);
    if (con == null) {
      throw new IllegalArgumentException("constraint parser error: \"" + c + "\"");
    }
    return new Part(op, con, m.group(2), dirty, minorDirty, patchDirty);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String trimDot(String s) {
    return s.startsWith(".") ? s.substring(1) : s;
  }

  private static String rewriteRange(String i) {
    Matcher m = RANGE.matcher(i);
    String o = i;
    while (m.find()) {
      String whole = m.group(0);
      String t = ">= " + m.group(1) + ", <= " + m.group(11) + " ";
      o = o.replaceFirst(Pattern.quote(whole), Matcher.quoteReplacement(t));
    }
    return o;
  }

  /** Masterminds {@code Check}. */
  public boolean check(SemVersion v) {
    for (int i = 0; i < groups.size(); i++) {
      boolean ok = true;
      for (Part p : groups.get(i)) {
        if (!check(p, v, containsPre.get(i))) {
          ok = false;
          break;
        }
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }

  private static boolean check(Part c, SemVersion v, boolean includePre) {
    if (!v.prerelease().isEmpty() && !includePre) {
      return false;
    }
    return switch (c.op) {
      case "", "=" -> c.dirty ? tilde(c, v) : v.compareTo(c.con) == 0;
      case "!=" -> notEqual(c, v);
      case ">" -> greaterThan(c, v);
      case "<" -> v.compareTo(c.con) < 0;
      case ">=", "=>" -> v.compareTo(c.con) >= 0;
      case "<=", "=<" -> lessThanEqual(c, v);
      case "~", "~>" -> tilde(c, v);
      case "^" -> caret(c, v);
      default -> false;
    };
  }

  private static boolean notEqual(Part c, SemVersion v) {
    if (c.dirty) {
      if (!c.con.major().equals(v.major())) {
        return true;
      }
      if (!c.con.minor().equals(v.minor()) && !c.minorDirty) {
        return true;
      } else if (c.minorDirty) {
        return false;
      } else if (!c.con.patch().equals(v.patch()) && !c.patchDirty) {
        return true;
      } else if (c.patchDirty) {
        if (!v.prerelease().isEmpty() || !c.con.prerelease().isEmpty()) {
          return SemVersion.comparePrerelease(v.prerelease(), c.con.prerelease()) != 0;
        }
        return false;
      }
    }
    return v.compareTo(c.con) != 0;
  }

  private static boolean greaterThan(Part c, SemVersion v) {
    if (!c.dirty) {
      return v.compareTo(c.con) == 1;
    }
    int maj = v.major().compareTo(c.con.major());
    if (maj > 0) {
      return true;
    } else if (maj < 0) {
      return false;
    } else if (c.minorDirty) {
      return false;
    } else if (c.patchDirty) {
      return v.minor().compareTo(c.con.minor()) > 0;
    }
    return v.compareTo(c.con) == 1;
  }

  private static boolean lessThanEqual(Part c, SemVersion v) {
    if (!c.dirty) {
      return v.compareTo(c.con) <= 0;
    }
    if (v.major().compareTo(c.con.major()) > 0) {
      return false;
    } else if (v.major().equals(c.con.major()) && v.minor().compareTo(c.con.minor()) > 0 && !c.minorDirty) {
      return false;
    }
    return true;
  }

  private static boolean tilde(Part c, SemVersion v) {
    if (v.compareTo(c.con) < 0) {
      return false;
    }
    if (c.con.major().signum() == 0 && c.con.minor().signum() == 0 && c.con.patch().signum() == 0
        && !c.minorDirty && !c.patchDirty) {
      return true;
    }
    if (!v.major().equals(c.con.major())) {
      return false;
    }
    return v.minor().equals(c.con.minor()) || c.minorDirty;
  }

  private static boolean caret(Part c, SemVersion v) {
    if (v.compareTo(c.con) < 0) {
      return false;
    }
    if (c.con.major().signum() > 0 || c.minorDirty) {
      return v.major().equals(c.con.major());
    }
    if (c.con.major().signum() == 0 && v.major().signum() > 0) {
      return false;
    }
    if (c.con.minor().signum() > 0 || c.patchDirty) {
      return v.minor().equals(c.con.minor());
    }
    if (c.con.minor().signum() == 0 && v.minor().signum() > 0) {
      return false;
    }
    return c.con.patch().equals(v.patch());
  }

  @Override
  public String toString() {
    return text;
  }
}
