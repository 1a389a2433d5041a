package dev.kargo4j.steps.git.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Credentials;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns JGit and I/O failures into {@link KargoException}s whose messages say what failed and on
 * which repository, and never contain a secret: URLs lose their user information, the password
 * in use is masked wherever it would appear, and the original exception is not attached (its
 * messages are copied, scrubbed). Stateless.
 */
public final class GitErrors {
  private GitErrors() {}

  /** True when {@code e} (or a cause) says the server refused or asked for credentials. */
  public static boolean isAuthFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("not authorized") || m.contains("authentication is required")
          || m.contains("auth fail") || m.contains("401") || m.contains("authentication failed")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A retryable failure: {@code action} (e.g. {@code "cloning"}) of {@code url} failed with
   * {@code e}. Authentication problems get a message of their own.
   */
  public static KargoException failure(String action, String url, Throwable e, Credentials creds) {
    String where = RepoUrls.redact(url);
    if (isAuthFailure(e)) {
      String why = creds == null
          ? "the server requires authentication and the host supplied no git credentials for this URL"
          : "the server refused the git credentials the host supplied for this URL (user '"
              + creds.username() + "'); check the username and password or token";
      return new KargoException("authentication failed " + action + " " + where + ": " + why);
    }
    return new KargoException("error " + action + " " + where + ": " + describe(e, creds));
  }

  /** The messages of {@code e} and its causes, scrubbed of secrets. */
  public static String describe(Throwable e, Credentials creds) {
    Set<String> parts = new LinkedHashSet<>();
    for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank()) {
        parts.add(scrub(m, creds));
      } else {
        parts.add(t.getClass().getSimpleName());
      }
    }
    return String.join("; caused by: ", parts);
  }

  /** {@code text} with URL user information removed and the password masked. */
  public static String scrub(String text, Credentials creds) {
    String s = RepoUrls.redact(text);
    if (creds != null && creds.password() != null && creds.password().length() >= 3) {
      s = s.replace(creds.password(), "***");
    }
    return s;
  }
}
