package dev.kargo4j.steps.git.internal.provider;

import dev.kargo4j.steps.git.internal.RepoUrls;
import dev.kargo4j.steps.git.spi.GitProviderException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A hosted repository's coordinates from its URL, as Kargo parses them: the scheme (http or
 * https, anything else becomes https), the host (with port) and the path without {@code .git}.
 */
record RepoPath(String scheme, String host, String path) {
  static RepoPath parse(String service, String repoUrl) {
    String n = RepoUrls.normalize(repoUrl);
    try {
      URI u = new URI(n);
      String scheme = "http".equals(u.getScheme()) ? "http" : "https";
      if (u.getHost() == null) {
        throw new URISyntaxException(n, "no host");
      }
      String host = u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
      String path = u.getPath() == null ? "" : u.getPath().replaceAll("^/+", "");
      return new RepoPath(scheme, host, path);
    } catch (URISyntaxException e) {
      throw new GitProviderException("error parsing " + service + " repository URL "
          + RepoUrls.redact(repoUrl) + ": " + e.getReason());
    }
  }

  /** owner and name, for services whose repositories are exactly two levels deep. */
  String[] ownerAndName(String service, String repoUrl) {
    String[] parts = path.split("/");
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new GitProviderException("could not extract repository owner and name from "
          + service + " URL " + RepoUrls.redact(repoUrl) + "; expected <scheme>://<host>/<owner>/<repo>");
    }
    return parts;
  }

  String hostName() {
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }
}
