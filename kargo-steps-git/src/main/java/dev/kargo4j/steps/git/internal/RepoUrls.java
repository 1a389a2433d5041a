package dev.kargo4j.steps.git.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Repository URL helpers: Kargo's git normalisation (used as the key of locks and caches) and
 * the removal of user information before a URL appears in a message. Stateless.
 */
public final class RepoUrls {
  private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]*@");

  private RepoUrls() {}

  /** Kargo's {@code NormalizeGit}, the key of locks and caches (see kargo-core's RepoUrls). */
  public static String normalize(String url) {
    return dev.kargo4j.core.freight.RepoUrls.normalizeGit(url);
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

}
