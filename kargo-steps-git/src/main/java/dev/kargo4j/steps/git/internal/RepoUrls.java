package dev.kargo4j.steps.git.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repository URL helpers: Kargo's git normalisation (used as the key of locks and caches) and
 * the removal of user information before a URL appears in a message. Stateless.
 */
public final class RepoUrls {
  private static final Pattern SCP = Pattern.compile("^((?:[\\w-]+@)?[\\w-]+(?:\\.[\\w-]+)*)(?::(.*))?$");
  private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]*@");

  private RepoUrls() {}

  /**
   * Kargo's {@code NormalizeGit}: lower case, no user information, no trailing {@code /} or
   * {@code .git}; scp-style {@code user@host:path} becomes {@code ssh://user@host/path}. A URL
   * with a query, or one that cannot be parsed, is returned unchanged.
   */
  public static String normalize(String url) {
    String orig = url;
    String s = url.toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Cntrl}]", "");
    if (s.startsWith("http://") || s.startsWith("https://") || s.startsWith("ssh://")) {
      try {
        URI u = new URI(s);
        if (u.getRawQuery() != null) {
          return orig;
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        path = trimSuffix(trimSuffix(path, "/"), ".git");
        String userInfo = s.startsWith("ssh://") ? u.getRawUserInfo() : null;
        StringBuilder sb = new StringBuilder(u.getScheme()).append("://");
        if (userInfo != null) {
          sb.append(userInfo).append('@');
        }
        sb.append(u.getHost() == null ? "" : u.getHost());
        if (u.getPort() >= 0) {
          sb.append(':').append(u.getPort());
        }
        return sb.append(path).toString();
      } catch (URISyntaxException e) {
        return orig;
      }
    }
    Matcher m = SCP.matcher(s);
    if (!m.matches()) {
      return orig;
    }
    String path = m.group(2) == null ? "" : trimSuffix(trimSuffix(m.group(2), "/"), ".git");
    return path.isEmpty() ? "ssh://" + m.group(1) : "ssh://" + m.group(1) + "/" + path;
  }

  /** {@code url} without user information (name and password), for messages and logs. */
  public static String redact(String url) {
    return url == null ? null : USERINFO.matcher(url).replaceAll("$1");
  }

  /** The host of an http(s) or ssh URL (or scp-style address), lower case; empty when none. */
  public static String host(String url) {
    String n = normalize(url);
    try {
      URI u = new URI(n);
      return u.getHost() == null ? "" : u.getHost();
    } catch (URISyntaxException e) {
      return "";
    }
  }

  private static String trimSuffix(String s, String suffix) {
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }
}
