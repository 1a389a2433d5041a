package dev.kargo4j.core.freight;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kargo's repository URL normalisers ({@code pkg/urls}), reproduced exactly: they decide
 * whether two URLs name the same repository (Freight IDs, {@code commitFrom}, credentials
 * lookup, duplicate subscriptions). Input that cannot be normalised is returned unchanged,
 * as Kargo does.
 *
 * <p>Stateless and thread-safe.
 */
public final class RepoUrls {
  // [user@]host.xz[:path], Kargo's scpSyntaxRegex
  private static final Pattern SCP =
      Pattern.compile("^((?:[\\w-]+@)?[\\w-]+(?:\\.[\\w-]+)*)(?::(.*))?$");

  private RepoUrls() {}

  /**
   * {@code text} with the user information (name and password) of every URL in it removed, for
   * messages and logs: {@code cannot fetch https://bot:p@ss@host/r.git} becomes
   * {@code cannot fetch https://host/r.git}. A URL's authority runs from {@code ://} to the
   * next {@code /}, {@code ?}, {@code #} or whitespace, and its user information ends at the
   * <em>last</em> {@code @} in it, as in RFC 3986 and Go's {@code net/url}, so a password
   * containing {@code @} is removed whole. Linear in the length of {@code text}; null stays null.
   */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    int sep = text.indexOf("://");
    if (sep < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (sep >= 0) {
      int start = sep + 3;
      int end = start;
      while (end < text.length() && !endsAuthority(text.charAt(end))) {
        end++;
      }
      int at = text.lastIndexOf('@', end - 1);
      if (at >= start) {
        out.append(text, copied, start);
        copied = at + 1;
      }
      sep = text.indexOf("://", Math.max(end, start));
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static boolean endsAuthority(char c) {
    return c == '/' || c == '?' || c == '#' || Character.isWhitespace(c);
  }

  /**
   * Kargo's {@code SanitizeURL}: removes non-printable characters (Go's {@code unicode.IsPrint}:
   * letters, marks, numbers, punctuation, symbols and the ASCII space) anywhere, then trims
   * surrounding whitespace.
   */
  public static String sanitize(String url) {
    StringBuilder sb = new StringBuilder(url.length());
    url.codePoints()
        .filter(RepoUrls::isGoPrintable)
        .forEach(sb::appendCodePoint);
    return goTrimSpace(sb.toString());
  }

  /**
   * Kargo's {@code NormalizeGit}: lower-cases and sanitises; for {@code http(s)://} drops user
   * info, then a trailing {@code /} and then {@code .git}; for {@code ssh://} trims the same
   * suffixes; turns scp form {@code [user@]host:path} into {@code ssh://[user@]host/path}. A
   * query string or an unparseable URL returns the input unchanged.
   */
  public static String normalizeGit(String repo) {
    String orig = repo;
    String r = sanitize(goToLower(repo));
    if (r.startsWith("http://") || r.startsWith("https://")) {
      try {
        GoUrl u = GoUrl.parse(r);
        if (u.hasQueryValues()) {
          return orig;
        }
        u.hasUser = false;
        u.username = null;
        u.password = null;
        u.passwordSet = false;
        u.path = trimSuffix(trimSuffix(u.path, "/"), ".git");
        return u.toString();
      } catch (GoUrl.ParseException e) {
        return orig;
      }
    }
    if (r.startsWith("ssh://")) {
      try {
        GoUrl u = GoUrl.parse(r);
        if (u.hasQueryValues()) {
          return orig;
        }
        u.path = trimSuffix(trimSuffix(u.path, "/"), ".git");
        return u.toString();
      } catch (GoUrl.ParseException e) {
        return orig;
      }
    }
    Matcher m = SCP.matcher(r);
    if (!m.matches()) {
      return orig;
    }
    String userHost = m.group(1);
    String path = m.group(2) == null ? "" : m.group(2);
    GoUrl pathUrl;
    try {
      pathUrl = GoUrl.parse(path);
    } catch (GoUrl.ParseException e) {
      return orig;
    }
    pathUrl.path = trimSuffix(trimSuffix(pathUrl.path, "/"), ".git");
    if (pathUrl.path.isEmpty()) {
      return "ssh://" + userHost;
    }
    return "ssh://" + userHost + "/" + pathUrl;
  }

  /**
   * Kargo's {@code NormalizeImage}: Docker Hub hosts ({@code docker.io},
   * {@code index.docker.io}, {@code registry-1.docker.io}) and the {@code library/} prefix are
   * dropped, other references become {@code registry/repository} (tags and digests removed);
   * input that is not an image reference is returned unchanged.
   */
  public static String normalizeImage(String repoURL) {
    String orig = repoURL;
    String r = sanitize(goToLower(repoURL));
    ImageReference ref = ImageReference.parse(r);
    if (ref == null) {
      return orig;
    }
    if (ref.registry().equals("index.docker.io") || ref.registry().equals("registry-1.docker.io")) {
      return trimPrefix(ref.repository(), "library/");
    }
    return ref.registry() + "/" + ref.repository();
  }

  /**
   * Kargo's {@code NormalizeChart}: sanitises, then lower-cases, strips {@code oci://} and
   * applies {@link #normalizeImage}; an unparseable URL is returned unchanged.
   */
  public static String normalizeChart(String repo) {
    String orig = repo;
    String r = sanitize(repo);
    try {
      GoUrl.parse(r);
    } catch (GoUrl.ParseException e) {
      return orig;
    }
    return normalizeImage(trimPrefix(goToLower(r), "oci://"));
  }

  static String trimSuffix(String s, String suffix) {
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  static String trimPrefix(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  /** Go's {@code strings.ToLower}: simple per-rune lower-case mapping. */
  static String goToLower(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().map(Character::toLowerCase).forEach(sb::appendCodePoint);
    return sb.toString();
  }

  private static boolean isGoPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER:
      case Character.LOWERCASE_LETTER:
      case Character.TITLECASE_LETTER:
      case Character.MODIFIER_LETTER:
      case Character.OTHER_LETTER:
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
      case Character.COMBINING_SPACING_MARK:
      case Character.DECIMAL_DIGIT_NUMBER:
      case Character.LETTER_NUMBER:
      case Character.OTHER_NUMBER:
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
      case Character.MATH_SYMBOL:
      case Character.CURRENCY_SYMBOL:
      case Character.MODIFIER_SYMBOL:
      case Character.OTHER_SYMBOL:
        return true;
      default:
        return false;
    }
  }

  private static boolean isGoSpace(int cp) {
    switch (cp) {
      case '\t':
      case '\n':
      case 0x0B:
      case '\f':
      case '\r':
      case ' ':
      case 0x85:
      case 0xA0:
        return true;
      default:
        return cp > 0xff && Character.isSpaceChar(cp);
    }
  }

  private static String goTrimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isGoSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isGoSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }
}
