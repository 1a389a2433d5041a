package dev.kargo4j.steps.git.internal;

import dev.kargo4j.KargoException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jgit.transport.URIish;

/**
 * Repository URL helpers: Kargo's git normalisation (used as the key of locks and caches), the
 * removal of user information before a URL appears in a message or a config, which URLs the
 * host allows, and the origin (scheme, host, port) credentials belong to. Stateless.
 */
public final class RepoUrls {
  private static final Set<String> SSH = Set.of("ssh", "ssh+git", "git+ssh");
  private static final Set<String> REMOTE = Set.of("https", "http", "git", "ssh", "ssh+git", "git+ssh");

  private RepoUrls() {}

  /** Kargo's {@code NormalizeGit}, the key of locks and caches (see kargo-core's RepoUrls). */
  public static String normalize(String url) {
    return dev.kargo4j.core.freight.RepoUrls.normalizeGit(url);
  }

  /**
   * {@code url} without user information (name and password), for messages and logs: kargo-core's
   * {@link dev.kargo4j.core.freight.RepoUrls#redact}, which also removes a password containing {@code @}.
   */
  public static String redact(String url) {
    return dev.kargo4j.core.freight.RepoUrls.redact(url);
  }

  /**
   * {@code url} without a password, for what is stored (git config) and used on the wire: the
   * credentials come from the host's provider only. The user name of an ssh or scp-style
   * address ({@code git@host:repo}) stays, as it names the account, not a secret.
   */
  public static String withoutUserInfo(String url) {
    if (url == null) {
      return null;
    }
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return url; // a path, or an scp-style address whose user part names the account
    }
    int start = scheme + 3;
    int slash = url.indexOf('/', start);
    int end = slash < 0 ? url.length() : slash;
    int at = url.lastIndexOf('@', end - 1);
    if (at < start) {
      return url;
    }
    String userInfo = url.substring(start, at);
    String s = url.substring(0, scheme).toLowerCase(Locale.ROOT);
    if (SSH.contains(s)) {
      int colon = userInfo.indexOf(':');
      return colon < 0 ? url : url.substring(0, start) + userInfo.substring(0, colon) + url.substring(at);
    }
    return url.substring(0, start) + url.substring(at + 1);
  }

  /**
   * Fails unless {@code url} is a remote repository ({@code https}, {@code http}, {@code ssh},
   * {@code git}, scp-style) or, when {@code allowLocal}, a {@code file://} URL or path.
   *
   * @param where what the URL is, for the message (e.g. {@code repoURL})
   */
  public static void requireAllowed(String url, boolean allowLocal, String where) {
    URIish u;
    try {
      u = new URIish(url);
    } catch (URISyntaxException e) {
      throw new KargoException(where + ": '" + withoutUserInfo(url) + "' is not a git URL; allowed: https, http, ssh or git "
          + "URLs and scp-style addresses (git@host:org/repo.git)");
    }
    String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
    if (isDrivePath(url)) {
      // C:\repo or C:/repo: a path on Windows, not the scp-style address "host C, path /repo"
      if (allowLocal) {
        return;
      }
      throw new KargoException(where + ": '" + withoutUserInfo(url) + "' is a repository on the host's disk; local"
          + " repositories are not allowed (a Stage or Warehouse author could read any repository the host can);"
          + " the host may allow them with GitHostPolicy.allowingLocalRepositories()");
    }
    if (scheme != null ? REMOTE.contains(scheme) && u.getHost() != null && !u.getHost().isEmpty()
        : u.getHost() != null && !u.getHost().isEmpty()) {
      return;
    }
    boolean local = "file".equals(scheme) || (scheme == null && (u.getHost() == null || u.getHost().isEmpty()));
    if (local && allowLocal) {
      return;
    }
    throw new KargoException(where + ": '" + withoutUserInfo(url) + "' is "
        + (local ? "a repository on the host's disk; local repositories are not allowed (a Stage or Warehouse"
            + " author could read any repository the host can); the host may allow them with"
            + " GitHostPolicy.allowingLocalRepositories()"
            : "not a remote git URL; allowed: https, http, ssh or git URLs and scp-style addresses"));
  }

  private static boolean isDrivePath(String url) {
    return url.length() >= 3 && Character.isLetter(url.charAt(0)) && url.charAt(1) == ':'
        && (url.charAt(2) == '/' || url.charAt(2) == '\\');
  }

  /**
   * The origin credentials belong to, as the git CLI asks its credential helpers: scheme (an
   * scp-style address is ssh), lower-case host and port (the scheme's default when absent);
   * {@code file://} for local repositories; empty when {@code url} cannot be parsed.
   */
  public static String origin(String url) {
    try {
      return origin(new URIish(url));
    } catch (URISyntaxException e) {
      return "";
    }
  }

  /** {@link #origin(String)} of a parsed URL. */
  public static String origin(URIish u) {
    String scheme = u.getScheme() == null ? (u.getHost() == null ? "file" : "ssh") : u.getScheme().toLowerCase(Locale.ROOT);
    if (SSH.contains(scheme)) {
      scheme = "ssh";
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      return scheme + "://";
    }
    int port = u.getPort() > 0 ? u.getPort() : switch (scheme) {
      case "https" -> 443;
      case "http" -> 80;
      case "ssh" -> 22;
      case "git" -> 9418;
      default -> -1;
    };
    return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
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
