package dev.kargo4j.core.semver;

import java.util.Objects;
import java.util.Optional;

/**
 * A semantic version exactly as Masterminds/semver v3 (the library Kargo uses) parses, prints
 * and orders it.
 *
 * <p>{@link #parse(String)} is Masterminds' {@code NewVersion}: it accepts one leading lower-case
 * {@code v}, partial versions ({@code 1}, {@code 1.2}, read as {@code 1.0.0}, {@code 1.2.0}) and
 * leading zeros in the numbers; {@link #parseStrict(String)} is {@code StrictNewVersion}: exactly
 * {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, no {@code v}, no leading zeros. Both keep the
 * text they were given as {@link #original()}; {@link #toString()} is the canonical form
 * ({@code 1.2.0}, never a {@code v}).
 *
 * <p>Numbers are unsigned 64-bit values held in a {@code long}; values above
 * {@link Long#MAX_VALUE} read as negative through {@link #major()} and friends but print and
 * compare as unsigned. {@link #compareTo} is semantic-version precedence (build metadata is
 * ignored, a prerelease sorts below its release) and is therefore <em>not</em> consistent with
 * {@link #equals}, which compares every component including {@link #original()}; use
 * {@link #sameVersionAs(SemVer)} for Masterminds' {@code Equal}.
 *
 * <p>Immutable and thread-safe. Components are never null (absent prerelease or metadata is
 * empty).
 *
 * @param major the major number (unsigned)
 * @param minor the minor number (unsigned)
 * @param patch the patch number (unsigned)
 * @param prerelease the prerelease without the leading {@code -}; empty for a release
 * @param metadata the build metadata without the leading {@code +}; may be empty
 * @param original the text the version was parsed from, or its canonical form when built
 */
public record SemVer(
    long major, long minor, long patch, String prerelease, String metadata, String original)
    implements Comparable<SemVer> {

  private static final String ALLOWED =
      "allowed: [v]MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD], e.g. v1.2.3 or 1.2.3-rc.1";

  /** Validates the prerelease and metadata and fills an empty original with the canonical form. */
  public SemVer {
    prerelease = prerelease == null ? "" : prerelease;
    metadata = metadata == null ? "" : metadata;
    if (!prerelease.isEmpty()) {
      String problem = prereleaseProblem(prerelease);
      if (problem != null) {
        throw new InvalidSemVerException(prerelease, "invalid prerelease \"" + prerelease
            + "\": " + problem + "; allowed: dot-separated identifiers of [0-9A-Za-z-],"
            + " numeric ones without leading zeros");
      }
    }
    if (!metadata.isEmpty() && metadataProblem(metadata) != null) {
      throw new InvalidSemVerException(metadata, "invalid build metadata \"" + metadata
          + "\": invalid metadata string; allowed: dot-separated identifiers of [0-9A-Za-z-]");
    }
    if (original == null || original.isEmpty()) {
      original = canonical(major, minor, patch, prerelease, metadata);
    }
  }

  /** A release version {@code major.minor.patch}. */
  public static SemVer of(long major, long minor, long patch) {
    return new SemVer(major, minor, patch, "", "", null);
  }

  /**
   * Parses {@code text} as Masterminds' {@code NewVersion} does (loose: optional {@code v},
   * partial versions, leading zeros coerced).
   *
   * @throws InvalidSemVerException when the text is not a version
   */
  public static SemVer parse(String text) {
    SemVer v = looseOrNull(text);
    if (v == null) {
      throw new InvalidSemVerException(text, "\"" + text + "\" is not a semantic version: "
          + looseProblem(text) + "; " + ALLOWED);
    }
    return v;
  }

  /** {@link #parse(String)}, or empty when the text is not a version. Never throws. */
  public static Optional<SemVer> tryParse(String text) {
    return Optional.ofNullable(looseOrNull(text));
  }

  /**
   * Parses {@code text} as Masterminds' {@code StrictNewVersion} does: exactly
   * {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, without a {@code v} prefix or leading zeros.
   *
   * @throws InvalidSemVerException when the text is not a strict version
   */
  public static SemVer parseStrict(String text) {
    Object r = strict(text);
    if (r instanceof SemVer v) {
      return v;
    }
    throw new InvalidSemVerException(text, "\"" + text + "\" is not a strict semantic version: "
        + r + "; allowed: MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] without a v prefix or"
        + " leading zeros, e.g. 1.2.3");
  }

  /** {@link #parseStrict(String)}, or empty when the text is not a strict version. Never throws. */
  public static Optional<SemVer> tryParseStrict(String text) {
    return strict(text) instanceof SemVer v ? Optional.of(v) : Optional.empty();
  }

  /**
   * How Kargo reads an image or git tag as a version ({@code pkg/controller/semver.Parse}): the
   * tag must parse loosely, and with {@code strict} the tag without one leading {@code v} must
   * also parse strictly (so {@code v1.2.3} passes, {@code v1.2} does not). The result keeps the
   * tag as its {@link #original()}. Never throws.
   */
  public static Optional<SemVer> parseTag(String tag, boolean strict) {
    SemVer v = looseOrNull(tag);
    if (v == null) {
      return Optional.empty();
    }
    if (strict && !(strict(tag.startsWith("v") ? tag.substring(1) : tag) instanceof SemVer)) {
      return Optional.empty();
    }
    return Optional.of(v);
  }

  /**
   * Kargo's {@code semverDiff}: the largest component in which two versions differ,
   * {@code Major}, {@code Minor}, {@code Patch} or {@code Metadata} (prereleases are not
   * compared), {@code None} when none differs, and {@code Incomparable} when either text is
   * not a (loose) version.
   */
  public static String diff(String first, String second) {
    SemVer a = looseOrNull(first);
    SemVer b = looseOrNull(second);
    if (a == null || b == null) {
      return "Incomparable";
    }
    if (a.major != b.major) {
      return "Major";
    }
    if (a.minor != b.minor) {
      return "Minor";
    }
    if (a.patch != b.patch) {
      return "Patch";
    }
    if (!a.metadata.equals(b.metadata)) {
      return "Metadata";
    }
    return "None";
  }

  /** Whether this version has a prerelease. */
  public boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  /**
   * The next patch version: a prerelease {@code 1.2.3-rc.1} becomes its release {@code 1.2.3},
   * a release {@code 1.2.3} becomes {@code 1.2.4}; metadata is dropped. The original keeps a
   * leading {@code v}.
   */
  public SemVer incPatch() {
    if (!prerelease.isEmpty()) {
      return next(major, minor, patch);
    }
    return next(major, minor, increment(patch, "patch"));
  }

  /** The next minor version ({@code 1.2.3} to {@code 1.3.0}); prerelease and metadata dropped. */
  public SemVer incMinor() {
    return next(major, increment(minor, "minor"), 0);
  }

  /** The next major version ({@code 1.2.3} to {@code 2.0.0}); prerelease and metadata dropped. */
  public SemVer incMajor() {
    return next(increment(major, "major"), 0, 0);
  }

  /** A copy with another prerelease (empty removes it); the original keeps a leading {@code v}. */
  public SemVer withPrerelease(String newPrerelease) {
    String p = newPrerelease == null ? "" : newPrerelease;
    return new SemVer(major, minor, patch, p, metadata, vPrefix() + canonical(major, minor, patch, p, metadata));
  }

  /** A copy with other build metadata (empty removes it); the original keeps a leading {@code v}. */
  public SemVer withMetadata(String newMetadata) {
    String m = newMetadata == null ? "" : newMetadata;
    return new SemVer(major, minor, patch, prerelease, m, vPrefix() + canonical(major, minor, patch, prerelease, m));
  }

  /** Masterminds' {@code Equal}: the same precedence (metadata and original ignored). */
  public boolean sameVersionAs(SemVer other) {
    return compareTo(other) == 0;
  }

  /**
   * Semantic-version precedence, as Masterminds' {@code Compare}: numbers first (unsigned), then
   * a release above any of its prereleases, then prerelease identifiers left to right (numeric
   * identifiers numerically and below alphanumeric ones, alphanumeric ones byte-wise, a shorter
   * list below a longer one with the same start). Build metadata is ignored.
   */
  @Override
  public int compareTo(SemVer o) {
    Objects.requireNonNull(o, "other");
    int d = Long.compareUnsigned(major, o.major);
    if (d != 0) {
      return Integer.signum(d);
    }
    d = Long.compareUnsigned(minor, o.minor);
    if (d != 0) {
      return Integer.signum(d);
    }
    d = Long.compareUnsigned(patch, o.patch);
    if (d != 0) {
      return Integer.signum(d);
    }
    if (prerelease.isEmpty() && o.prerelease.isEmpty()) {
      return 0;
    }
    if (prerelease.isEmpty()) {
      return 1;
    }
    if (o.prerelease.isEmpty()) {
      return -1;
    }
    return comparePrerelease(prerelease, o.prerelease);
  }

  /** The canonical form {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, never with a {@code v}. */
  @Override
  public String toString() {
    return canonical(major, minor, patch, prerelease, metadata);
  }

  // ---------------------------------------------------------------------------------------

  private SemVer next(long ma, long mi, long pa) {
    return new SemVer(ma, mi, pa, "", "", vPrefix() + canonical(ma, mi, pa, "", ""));
  }

  private String vPrefix() {
    return original.startsWith("v") ? "v" : "";
  }

  private static long increment(long value, String what) {
    if (value == -1L) { // 2^64-1 unsigned
      throw new InvalidSemVerException(Long.toUnsignedString(value),
          what + " version increment would overflow an unsigned 64-bit number");
    }
    return value + 1;
  }

  private static String canonical(long ma, long mi, long pa, String pre, String meta) {
    StringBuilder sb = new StringBuilder(16)
        .append(Long.toUnsignedString(ma)).append('.')
        .append(Long.toUnsignedString(mi)).append('.')
        .append(Long.toUnsignedString(pa));
    if (!pre.isEmpty()) {
      sb.append('-').append(pre);
    }
    if (!meta.isEmpty()) {
      sb.append('+').append(meta);
    }
    return sb.toString();
  }

  static SemVer looseOrNull(String text) {
    String[] g = looseGroups(text);
    if (g == null) {
      return null;
    }
    Long ma = parseUnsigned(g[0]);
    Long mi = g[1] == null ? Long.valueOf(0) : parseUnsigned(g[1]);
    Long pa = g[2] == null ? Long.valueOf(0) : parseUnsigned(g[2]);
    if (ma == null || mi == null || pa == null) {
      return null;
    }
    String pre = g[3] == null ? "" : g[3];
    String meta = g[4] == null ? "" : g[4];
    if ((!pre.isEmpty() && prereleaseProblem(pre) != null)
        || (!meta.isEmpty() && metadataProblem(meta) != null)) {
      return null;
    }
    return new SemVer(ma, mi, pa, pre, meta, text);
  }

  /**
   * Matches Masterminds' loose version pattern
   * {@code v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-ids)?(\+ids)?} (ids: dot-separated runs of
   * {@code [0-9A-Za-z-]}) by hand, so long input cannot exhaust the stack as a backtracking
   * regex would; returns major, minor, patch, prerelease, metadata (null when absent), or null.
   */
  private static String[] looseGroups(String s) {
    if (s == null) {
      return null;
    }
    int n = s.length();
    int i = 0;
    if (i < n && s.charAt(i) == 'v') {
      i++;
    }
    String[] g = new String[5];
    int start = i;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    if (i == start) {
      return null;
    }
    g[0] = s.substring(start, i);
    for (int part = 1; part <= 2; part++) {
      if (i + 1 < n && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
        int from = ++i;
        while (i < n && isDigit(s.charAt(i))) {
          i++;
        }
        g[part] = s.substring(from, i);
      } else {
        break;
      }
    }
    if (i < n && s.charAt(i) == '-') {
      int end = identifiers(s, i + 1);
      if (end < 0) {
        return null;
      }
      g[3] = s.substring(i + 1, end);
      i = end;
    }
    if (i < n && s.charAt(i) == '+') {
      int end = identifiers(s, i + 1);
      if (end < 0) {
        return null;
      }
      g[4] = s.substring(i + 1, end);
      i = end;
    }
    return i == n ? g : null;
  }

  /** The end of dot-separated non-empty runs of [0-9A-Za-z-] starting at {@code from}, or -1. */
  private static int identifiers(String s, int from) {
    int i = from;
    int n = s.length();
    while (true) {
      int start = i;
      while (i < n && isIdent(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        return -1;
      }
      if (i + 1 < n && s.charAt(i) == '.' && isIdent(s.charAt(i + 1))) {
        i++;
      } else {
        return i;
      }
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdent(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  }

  private static String looseProblem(String text) {
    if (text == null || text.isEmpty()) {
      return "version string empty";
    }
    String[] g = looseGroups(text);
    if (g == null) {
      return "invalid semantic version";
    }
    for (int i = 0; i < 3; i++) {
      if (g[i] != null && parseUnsigned(g[i]) == null) {
        return "error parsing version segment: value out of range";
      }
    }
    if (g[3] != null && prereleaseProblem(g[3]) != null) {
      return prereleaseProblem(g[3]);
    }
    return "invalid metadata string";
  }

  /** A SemVer, or the problem as a String. */
  private static Object strict(String v) {
    if (v == null || v.isEmpty()) {
      return "version string empty";
    }
    String[] parts = v.split("\\.", 3);
    if (parts.length != 3) {
      return "invalid semantic version";
    }
    String meta = "";
    String pre = "";
    int plus = parts[2].indexOf('+');
    if (plus >= 0) {
      meta = parts[2].substring(plus + 1);
      parts[2] = parts[2].substring(0, plus);
      if (metadataProblem(meta) != null) {
        return "invalid metadata string";
      }
    }
    int dash = parts[2].indexOf('-');
    if (dash >= 0) {
      pre = parts[2].substring(dash + 1);
      parts[2] = parts[2].substring(0, dash);
      String problem = prereleaseProblem(pre);
      if (problem != null) {
        return problem;
      }
    }
    for (String p : parts) {
      if (!onlyDigits(p)) {
        return "invalid characters in version";
      }
      if (p.length() > 1 && p.charAt(0) == '0') {
        return "version segment starts with 0";
      }
    }
    Long ma = parseUnsigned(parts[0]);
    Long mi = parseUnsigned(parts[1]);
    Long pa = parseUnsigned(parts[2]);
    if (ma == null || mi == null || pa == null) {
      return "error parsing version segment";
    }
    return new SemVer(ma, mi, pa, pre, meta, v);
  }

  /** Go's strconv.ParseUint(s, 10, 64), or null. */
  private static Long parseUnsigned(String s) {
    if (s == null || s.isEmpty() || !onlyDigits(s)) {
      return null;
    }
    try {
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean onlyDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean onlyAllowed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static String prereleaseProblem(String p) {
    for (String part : p.split("\\.", -1)) {
      if (part.isEmpty()) {
        return "invalid prerelease string";
      } else if (onlyDigits(part)) {
        if (part.length() > 1 && part.charAt(0) == '0') {
          return "version segment starts with 0";
        }
      } else if (!onlyAllowed(part)) {
        return "invalid prerelease string";
      }
    }
    return null;
  }

  private static String metadataProblem(String m) {
    for (String part : m.split("\\.", -1)) {
      if (part.isEmpty() || !onlyAllowed(part)) {
        return "invalid metadata string";
      }
    }
    return null;
  }

  static int comparePrerelease(String v, String o) {
    String[] sp = v.split("\\.", -1);
    String[] op = o.split("\\.", -1);
    int l = Math.max(sp.length, op.length);
    for (int i = 0; i < l; i++) {
      String s = i < sp.length ? sp[i] : "";
      String t = i < op.length ? op[i] : "";
      int d = comparePrePart(s, t);
      if (d != 0) {
        return d;
      }
    }
    return 0;
  }

  private static int comparePrePart(String s, String o) {
    if (s.equals(o)) {
      return 0;
    }
    if (s.isEmpty()) {
      return -1;
    }
    if (o.isEmpty()) {
      return 1;
    }
    Long oi = parseUnsigned(o);
    Long si = parseUnsigned(s);
    if (oi == null && si == null) {
      return s.compareTo(o) > 0 ? 1 : -1;
    } else if (oi == null) {
      return -1; // s is a number, o is not: numbers sort lower
    } else if (si == null) {
      return 1;
    }
    return Long.compareUnsigned(si, oi) > 0 ? 1 : -1;
  }
}
