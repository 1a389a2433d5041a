package dev.kargo4j.steps.argocd.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kargo's normalization of git URLs for comparison ({@code pkg/urls/git.go} {@code NormalizeGit}):
 * lower case; user info dropped from http(s) URLs; a trailing {@code /} and then {@code .git}
 * dropped; SCP-style {@code user@host:path} turned into {@code ssh://user@host/path}. A URL that
 * cannot be normalized (or has a query) is returned unchanged. Thread-safe.
 */
public final class GitUrls {
  private static final Pattern SCP = Pattern.compile("^((?:[\\w-]+@)?[\\w-]+(?:\\.[\\w-]+)*)(?::(.*))?$");

  private GitUrls() {}

  /** The normalized form of {@code repo}. */
  public static String normalize(String repo) {
    String orig = repo;
    repo = sanitize(repo.toLowerCase(Locale.ROOT));
    if (repo.startsWith("http://") || repo.startsWith("https://")) {
      try {
        URI u = new URI(repo);
        if (u.getRawQuery() != null) {
          return orig;
        }
        String path = trimRepoPath(u.getRawPath() == null ? "" : u.getRawPath());
        return u.getScheme() + "://" + u.getRawAuthority().replaceFirst("^.*@", "") + path;
      } catch (URISyntaxException | NullPointerException e) {
        return orig;
      }
    }
    if (repo.startsWith("ssh://")) {
      try {
        URI u = new URI(repo);
        if (u.getRawQuery() != null || u.getRawAuthority() == null) {
          return orig;
        }
        return "ssh://" + u.getRawAuthority() + trimRepoPath(u.getRawPath() == null ? "" : u.getRawPath());
      } catch (URISyntaxException e) {
        return orig;
      }
    }
    Matcher m = SCP.matcher(repo);
    if (!m.matches()) {
      return orig;
    }
    String userHost = m.group(1);
    String path = m.group(2) == null ? "" : m.group(2);
    path = trimRepoPath(path);
    return path.isEmpty() ? "ssh://" + userHost : "ssh://" + userHost + "/" + path;
  }

  private static String trimRepoPath(String path) {
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    return path;
  }

  /** Kargo's SanitizeURL: keeps printable characters only (as Go's unicode.IsPrint), then strips. */
  private static String sanitize(String url) {
    StringBuilder sb = new StringBuilder(url.length());
    url.codePoints().filter(GitUrls::printable).forEach(sb::appendCodePoint);
    return sb.toString().strip();
  }

  private static boolean printable(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
        return true;
      default:
        return false;
    }
  }
}
