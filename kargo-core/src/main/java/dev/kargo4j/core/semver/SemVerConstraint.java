package dev.kargo4j.core.semver;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version constraint exactly as Masterminds/semver v3 {@code NewConstraint} reads it and
 * {@code Constraints.Check} applies it: Kargo's {@code constraint} (images) and
 * {@code semverConstraint} (git, charts).
 *
 * <p>Syntax: comparisons {@code = != > < >= => <= =<} (none means {@code =}), tilde
 * {@code ~1.2.3} / {@code ~>1.2}, caret {@code ^1.2.3}, wildcards {@code 1.x}, {@code 1.2.*},
 * {@code *}, partial versions, hyphen ranges {@code 1.2 - 1.4.5}; AND by spaces or commas,
 * OR by {@code ||}. Prereleases only satisfy an AND group when some comparison in that group
 * names a prerelease itself ({@code >=1.3.0-rc.1}), or when the constraint was built with
 * {@link #withIncludePrerelease(boolean) includePrerelease}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SemVerConstraint {

  private static final String OPS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
  private static final String CV =
      "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?"
          + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"
          + "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
  // Go's \s is [\t\n\f\r ]; Java's adds \x0B, so spell it out.
  private static final String S = "[\\t\\n\\f\\r ]";
  private static final Pattern CONSTRAINT =
      Pattern.compile(S + "*(" + OPS + ")" + S + "*(" + CV + ")" + S + "*");
  private static final Pattern RANGE =
      Pattern.compile(S + "*(" + CV + ")" + S + "+-" + S + "+(" + CV + ")" + S + "*");
  private static final Pattern FIND = Pattern.compile("(" + OPS + ")" + S + "*(" + CV + ")");
  // Masterminds validates an OR segment with one regex, ^(\s*op\s*cv\s*)((\s+|,\s*)op\s*cv\s*)*$;
  // a backtracking engine recurses per repetition, so the same language is checked token by
  // token: the first comparison, then separator-and-comparison pairs, then trailing space.
  private static final Pattern FIRST = Pattern.compile(S + "*(" + OPS + ")" + S + "*(" + CV + ")");
  private static final Pattern NEXT =
      Pattern.compile("(?:" + S + "*," + S + "*|" + S + "+)(" + OPS + ")" + S + "*(" + CV + ")");
  private static final Pattern TRAILING = Pattern.compile(S + "*");
  /** Longer constraints are refused; real ones are a few dozen characters. */
  public static final int MAX_LENGTH = 1024;

  private final String text;
  private final List<List<Comparison>> groups;
  private final boolean[] groupHasPrerelease;
  private final boolean includePrerelease;

  private SemVerConstraint(
      String text, List<List<Comparison>> groups, boolean[] groupHasPrerelease, boolean includePrerelease) {
    this.text = text;
    this.groups = groups;
    this.groupHasPrerelease = groupHasPrerelease;
    this.includePrerelease = includePrerelease;
  }

  /**
   * Parses {@code text} as Masterminds' {@code NewConstraint}.
   *
   * @throws InvalidSemVerException naming the improper part and the allowed syntax
   */
  public static SemVerConstraint parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw new InvalidSemVerException(text, "invalid semver constraint: " + text.length()
          + " characters; allowed: at most " + MAX_LENGTH);
    }
    String c = rewriteRange(text);
    String[] ors = c.split("\\|\\|", -1);
    List<List<Comparison>> groups = new ArrayList<>(ors.length);
    boolean[] hasPre = new boolean[ors.length];
    for (int k = 0; k < ors.length; k++) {
      String v = ors[k];
      if (!valid(v)) {
        throw improper(text, v);
      }
      List<String> found = new ArrayList<>();
      Matcher fm = FIND.matcher(v);
      while (fm.find()) {
        found.add(fm.group());
      }
      if (found.isEmpty()) {
        found.add(v);
      }
      List<Comparison> group = new ArrayList<>(found.size());
      for (String s : found) {
        Comparison pc = Comparison.parse(text, s);
        if (pc.con.isPrerelease()) {
          hasPre[k] = true;
        }
        group.add(pc);
      }
      groups.add(List.copyOf(group));
    }
    return new SemVerConstraint(text, List.copyOf(groups), hasPre, false);
  }

  /** Whether {@code text} is a valid constraint. Never throws. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (InvalidSemVerException e) {
      return false;
    }
  }

  /**
   * A copy that lets prereleases satisfy every group ({@code true}), or only groups naming a
   * prerelease ({@code false}, the default, which is what Kargo uses).
   */
  public SemVerConstraint withIncludePrerelease(boolean include) {
    return new SemVerConstraint(text, groups, groupHasPrerelease, include);
  }

  /** Whether prereleases satisfy every group. */
  public boolean includePrerelease() {
    return includePrerelease;
  }

  /** Masterminds' {@code Constraints.Check}: whether {@code version} satisfies some OR group. */
  public boolean check(SemVer version) {
    Objects.requireNonNull(version, "version");
    for (int i = 0; i < groups.size(); i++) {
      boolean pre = includePrerelease || groupHasPrerelease[i];
      boolean all = true;
      for (Comparison c : groups.get(i)) {
        if (!c.check(version, pre)) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /** {@link #check(SemVer)} for a text parsed loosely; false when it is not a version. */
  public boolean check(String version) {
    SemVer v = SemVer.looseOrNull(version);
    return v != null && check(v);
  }

  /** The text this constraint was parsed from. */
  public String text() {
    return text;
  }

  /**
   * Masterminds' {@code String}: each comparison as operator plus original version, ANDs joined
   * by a space, ORs by {@code " || "} (hyphen ranges appear rewritten as {@code >= a <= b}).
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < groups.size(); k++) {
      if (k > 0) {
        sb.append(" || ");
      }
      List<Comparison> g = groups.get(k);
      for (int i = 0; i < g.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(g.get(i).op).append(g.get(i).orig);
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SemVerConstraint c && c.text.equals(text) && c.includePrerelease == includePrerelease;
  }

  @Override
  public int hashCode() {
    return text.hashCode() * 31 + (includePrerelease ? 1 : 0);
  }

  private static InvalidSemVerException improper(String text, String part) {
    return new InvalidSemVerException(text, "invalid semver constraint \"" + text
        + "\": improper constraint: \"" + part + "\"; allowed: comparisons (=, !=, >, <, >=, <=,"
        + " ~, ~>, ^) of versions that may use x or * wildcards, ANDed by spaces or commas,"
        + " ORed by ||, and hyphen ranges such as 1.2 - 1.4.5");
  }

  private static boolean valid(String segment) {
    Matcher m = FIRST.matcher(segment);
    if (!m.lookingAt()) {
      return false;
    }
    int at = m.end();
    m = NEXT.matcher(segment);
    while (at < segment.length()) {
      m.region(at, segment.length());
      if (!m.lookingAt()) {
        break;
      }
      at = m.end();
    }
    Matcher t = TRAILING.matcher(segment);
    t.region(at, segment.length());
    return t.matches();
  }

  private static String rewriteRange(String i) {
    Matcher m = RANGE.matcher(i);
    List<String[]> found = new ArrayList<>();
    while (m.find()) {
      // group 1 is the first version, group 11 the second (each version has 9 inner groups)
      found.add(new String[] {m.group(), m.group(1), m.group(11)});
    }
    String o = i;
    for (String[] v : found) {
      String t = ">= " + v[1] + ", <= " + v[2] + " ";
      int at = o.indexOf(v[0]);
      if (at >= 0) {
        o = o.substring(0, at) + t + o.substring(at + v[0].length());
      }
    }
    return o;
  }

  private static boolean isX(String x) {
    return "x".equals(x) || "*".equals(x) || "X".equals(x);
  }

  /** One comparison of an AND group. */
  private static final class Comparison {
    final SemVer con;
    final String orig;
    final String op;
    final boolean minorDirty;
    final boolean patchDirty;
    final boolean dirty;

    private Comparison(SemVer con, String orig, String op, boolean minorDirty, boolean patchDirty, boolean dirty) {
      this.con = con;
      this.orig = orig;
      this.op = op;
      this.minorDirty = minorDirty;
      this.patchDirty = patchDirty;
      this.dirty = dirty;
    }

    static Comparison parse(String text, String c) {
      if (c.isEmpty()) {
        return new Comparison(SemVer.of(0, 0, 0), "", "", false, false, true);
      }
      Matcher m = CONSTRAINT.matcher(c);
      if (!m.matches()) {
        throw improper(text, c);
      }
      // groups: 1 operator, 2 version, 3 major, 4 .minor, 5 .patch, 6 -prerelease
      String g3 = nz(m.group(3));
      String g4 = nz(m.group(4));
      String g5 = nz(m.group(5));
      String g6 = nz(m.group(6));
      String ver = m.group(2);
      boolean minorDirty = false;
      boolean patchDirty = false;
      boolean dirty = false;
      if (isX(g3) || g3.isEmpty()) {
        ver = "0.0.0" + g6;
        dirty = true;
      } else if (isX(strip(g4)) || g4.isEmpty()) {
        minorDirty = true;
        dirty = true;
        ver = g3 + ".0.0" + g6;
      } else if (isX(strip(g5)) || g5.isEmpty()) {
        dirty = true;
        patchDirty = true;
        ver = g3 + g4 + ".0" + g6;
      }
      SemVer con = SemVer.looseOrNull(ver);
      if (con == null) {
        throw improper(text, c);
      }
      return new Comparison(con, m.group(2), m.group(1), minorDirty, patchDirty, dirty);
    }

    private static String nz(String s) {
      return s == null ? "" : s;
    }

    private static String strip(String s) {
      return s.startsWith(".") ? s.substring(1) : s;
    }

    boolean check(SemVer v, boolean includePre) {
      if (v.isPrerelease() && !includePre) {
        return false;
      }
      switch (op) {
        case "", "=":
          return dirty ? tilde(v) : v.compareTo(con) == 0;
        case "!=":
          return notEqual(v);
        case ">":
          return greaterThan(v);
        case "<":
          return v.compareTo(con) < 0;
        case ">=", "=>":
          return v.compareTo(con) >= 0;
        case "<=", "=<":
          return lessThanEqual(v);
        case "~", "~>":
          return tilde(v);
        case "^":
          return caret(v);
        default:
          throw new IllegalStateException("unknown operator " + op);
      }
    }

    private boolean notEqual(SemVer v) {
      if (dirty) {
        if (con.major() != v.major()) {
          return true;
        }
        if (con.minor() != v.minor() && !minorDirty) {
          return true;
        } else if (minorDirty) {
          return false;
        } else if (con.patch() != v.patch() && !patchDirty) {
          return true;
        } else if (patchDirty) {
          if (v.isPrerelease() || con.isPrerelease()) {
            return SemVer.comparePrerelease(v.prerelease(), con.prerelease()) != 0;
          }
          return false;
        }
      }
      return v.compareTo(con) != 0;
    }

    private boolean greaterThan(SemVer v) {
      if (!dirty) {
        return v.compareTo(con) > 0;
      }
      int maj = Long.compareUnsigned(v.major(), con.major());
      if (maj > 0) {
        return true;
      } else if (maj < 0) {
        return false;
      } else if (minorDirty) {
        return false;
      } else if (patchDirty) {
        return Long.compareUnsigned(v.minor(), con.minor()) > 0;
      }
      return v.compareTo(con) > 0;
    }

    private boolean lessThanEqual(SemVer v) {
      if (!dirty) {
        return v.compareTo(con) <= 0;
      }
      int maj = Long.compareUnsigned(v.major(), con.major());
      if (maj > 0) {
        return false;
      } else if (maj == 0 && Long.compareUnsigned(v.minor(), con.minor()) > 0 && !minorDirty) {
        return false;
      }
      return true;
    }

    private boolean tilde(SemVer v) {
      if (v.compareTo(con) < 0) {
        return false;
      }
      if (con.major() == 0 && con.minor() == 0 && con.patch() == 0 && !minorDirty && !patchDirty) {
        return true;
      }
      if (v.major() != con.major()) {
        return false;
      }
      return v.minor() == con.minor() || minorDirty;
    }

    private boolean caret(SemVer v) {
      if (v.compareTo(con) < 0) {
        return false;
      }
      if (con.major() != 0 || minorDirty) {
        return v.major() == con.major();
      }
      if (v.major() != 0) {
        return false;
      }
      if (con.minor() != 0 || patchDirty) {
        return v.minor() == con.minor();
      }
      if (v.minor() != 0) {
        return false;
      }
      return con.patch() == v.patch();
    }
  }
}
