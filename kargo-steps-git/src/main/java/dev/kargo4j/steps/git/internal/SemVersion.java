package dev.kargo4j.steps.git.internal;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version parsed as Masterminds/semver v3 (v3.5, with {@code CoerceNewVersion}) parses
 * it: {@link #parse} is its lenient {@code NewVersion} (a leading {@code v}, missing minor or
 * patch, leading zeros), {@link #parseStrict} its {@code StrictNewVersion}. Ordering is
 * Masterminds' {@code Compare} (prereleases before releases, metadata ignored). Immutable.
 */
public final class SemVersion implements Comparable<SemVersion> {
  private static final Pattern LOOSE = Pattern.compile(
      "^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$");
  private static final BigInteger MAX_UINT64 = new BigInteger("18446744073709551615");

  private final BigInteger major;
  private final BigInteger minor;
  private final BigInteger patch;
  private final String pre;
  private final String metadata;
  private final String original;

  private SemVersion(BigInteger major, BigInteger minor, BigInteger patch, String pre, String metadata, String original) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.pre = pre;
    this.metadata = metadata;
    this.original = original;
  }

  /** Masterminds {@code NewVersion}; null when {@code v} is not a version. */
  public static SemVersion parse(String v) {
    if (v == null) {
      return null;
    }
    Matcher m = LOOSE.matcher(v);
    if (!m.matches()) {
      return null;
    }
    BigInteger major = uint(m.group(1));
    BigInteger minor = m.group(2) == null ? BigInteger.ZERO : uint(m.group(2).substring(1));
    BigInteger patch = m.group(3) == null ? BigInteger.ZERO : uint(m.group(3).substring(1));
    if (major == null || minor == null || patch == null) {
      return null;
    }
    String pre = m.group(5) == null ? "" : m.group(5);
    String meta = m.group(8) == null ? "" : m.group(8);
    if (!pre.isEmpty() && !validPrerelease(pre)) {
      return null;
    }
    if (!meta.isEmpty() && !validMetadata(meta)) {
      return null;
    }
    return new SemVersion(major, minor, patch, pre, meta, v);
  }

  /** Masterminds {@code StrictNewVersion}: exactly MAJOR.MINOR.PATCH, no leading zeros, no {@code v}. */
  public static SemVersion parseStrict(String v) {
    if (v == null || v.isEmpty()) {
      return null;
    }
    String[] parts = v.split("\\.", 3);
    if (parts.length != 3) {
      return null;
    }
    String meta = "";
    String pre = "";
    String last = parts[2];
    int plus = last.indexOf('+');
    if (plus >= 0) {
      meta = last.substring(plus + 1);
      last = last.substring(0, plus);
      if (!validMetadata(meta)) {
        return null;
      }
    }
    int dash = last.indexOf('-');
    if (dash >= 0) {
      pre = last.substring(dash + 1);
      last = last.substring(0, dash);
      if (!validPrerelease(pre)) {
        return null;
      }
    }
    parts[2] = last;
    BigInteger[] n = new BigInteger[3];
    for (int i = 0; i < 3; i++) {
      String p = parts[i];
      if (!p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      if (p.length() > 1 && p.charAt(0) == '0') {
        return null;
      }
      n[i] = uint(p);
      if (n[i] == null) {
        return null;
      }
    }
    return new SemVersion(n[0], n[1], n[2], pre, meta, v);
  }

  /** Kargo's {@code semver.Parse(tag, strict)}: lenient parse, plus a strict check of the tag minus one {@code v}. */
  public static SemVersion parseForKargo(String tag, boolean strict) {
    SemVersion sv = parse(tag);
    if (sv == null) {
      return null;
    }
    if (strict && parseStrict(tag.startsWith("v") ? tag.substring(1) : tag) == null) {
      return null;
    }
    return sv;
  }

  private static BigInteger uint(String digits) {
    if (digits.isEmpty()) {
      return null;
    }
    BigInteger b = new BigInteger(digits);
    return b.compareTo(MAX_UINT64) > 0 ? null : b;
  }

  private static boolean allowed(String s) {
    return s.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-');
  }

  private static boolean numeric(String s) {
    return s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  static boolean validPrerelease(String p) {
    for (String part : p.split("\\.", -1)) {
      if (part.isEmpty()) {
        return false;
      }
      if (numeric(part)) {
        if (part.length() > 1 && part.charAt(0) == '0') {
          return false;
        }
      } else if (!allowed(part)) {
        return false;
      }
    }
    return true;
  }

  static boolean validMetadata(String m) {
    for (String part : m.split("\\.", -1)) {
      if (part.isEmpty() || !allowed(part)) {
        return false;
      }
    }
    return true;
  }

  public BigInteger major() {
    return major;
  }

  public BigInteger minor() {
    return minor;
  }

  public BigInteger patch() {
    return patch;
  }

  /** The prerelease, empty when none. */
  public String prerelease() {
    return pre;
  }

  /** The text this version was parsed from. */
  public String original() {
    return original;
  }

  /** Masterminds {@code String()}: {@code MAJOR.MINOR.PATCH[-pre][+meta]}. */
  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (pre.isEmpty() ? "" : "-" + pre) + (metadata.isEmpty() ? "" : "+" + metadata);
  }

  @Override
  public int compareTo(SemVersion o) {
    int d = major.compareTo(o.major);
    if (d == 0) {
      d = minor.compareTo(o.minor);
    }
    if (d == 0) {
      d = patch.compareTo(o.patch);
    }
    if (d != 0) {
      return Integer.signum(d);
    }
    if (pre.isEmpty() && o.pre.isEmpty()) {
      return 0;
    }
    if (pre.isEmpty()) {
      return 1;
    }
    if (o.pre.isEmpty()) {
      return -1;
    }
    return comparePrerelease(pre, o.pre);
  }

  static int comparePrerelease(String v, String o) {
    String[] s = v.split("\\.", -1);
    String[] t = o.split("\\.", -1);
    int l = Math.max(s.length, t.length);
    for (int i = 0; i < l; i++) {
      int d = comparePart(i < s.length ? s[i] : "", i < t.length ? t[i] : "");
      if (d != 0) {
        return d;
      }
    }
    return 0;
  }

  private static int comparePart(String s, String o) {
    if (s.equals(o)) {
      return 0;
    }
    if (s.isEmpty()) {
      return -1;
    }
    if (o.isEmpty()) {
      return 1;
    }
    BigInteger oi = numeric(o) ? uint(o) : null;
    BigInteger si = numeric(s) ? uint(s) : null;
    if (oi == null && si == null) {
      return s.compareTo(o) > 0 ? 1 : -1;
    } else if (oi == null) {
      return -1;
    } else if (si == null) {
      return 1;
    }
    return si.compareTo(oi) > 0 ? 1 : -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SemVersion v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(major, minor, patch, pre);
  }
}
