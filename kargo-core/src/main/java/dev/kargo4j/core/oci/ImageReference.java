package dev.kargo4j.core.oci;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OCI repository as Kargo's image {@code repoURL}s name it: {@code nginx},
 * {@code bitnami/redis}, {@code ghcr.io/org/app}, {@code 127.0.0.1:5000/team/app}, or a chart's
 * {@code oci://host/path}. Parsed as go-containerregistry does: the first path component is the
 * registry when it contains a {@code .} or {@code :} or is {@code localhost}; otherwise the
 * registry is Docker Hub ({@code docker.io}), where one-component names get {@code library/}.
 * A tag or digest is not part of a repository and is rejected.
 *
 * <p>Immutable and thread-safe.
 *
 * @param registry the registry as written ({@code docker.io} for Docker Hub), with a port if
 *     any; lower-case
 * @param repository the repository path, e.g. {@code library/nginx}
 */
public record ImageReference(String registry, String repository) {

  /** Docker Hub's canonical registry name. */
  public static final String DOCKER_HUB = "docker.io";
  /** The host that serves Docker Hub's registry API. */
  public static final String DOCKER_HUB_API = "registry-1.docker.io";

  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern REGISTRY =
      Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
          + "|\\[[0-9a-fA-F:]+\\])(?::[0-9]{1,5})?");

  /** Validates. */
  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    registry = registry.toLowerCase(Locale.ROOT);
    if (registry.length() > 255 || !REGISTRY.matcher(registry).matches()) {
      throw new OciException(registry + "/" + repository, "invalid registry \"" + registry
          + "\"; allowed: host[:port]");
    }
    if (repository.length() > 255 || !REPOSITORY.matcher(repository).matches()) {
      throw new OciException(registry + "/" + repository, "invalid repository \"" + repository
          + "\"; allowed: lower-case path components of [a-z0-9] separated by '.', '_', '__' or"
          + " '-', joined by '/', at most 255 characters, without a tag or digest");
    }
  }

  /**
   * Parses an image repository URL or an {@code oci://} chart repository URL.
   *
   * @throws OciException naming the text and what is allowed
   */
  public static ImageReference parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    if (s.regionMatches(true, 0, "oci://", 0, 6)) {
      s = s.substring(6);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      throw new OciException(text, "empty image repository; allowed: [registry[:port]/]path");
    }
    int at = s.indexOf('@');
    int lastSlash = s.lastIndexOf('/');
    int colon = s.indexOf(':', lastSlash + 1);
    if (at >= 0 || colon >= 0) {
      throw new OciException(text, "\"" + text + "\" names a tag or digest; an image repository"
          + " URL must not (allowed: [registry[:port]/]path, e.g. ghcr.io/org/app)");
    }
    String registry;
    String repository;
    int slash = s.indexOf('/');
    String first = slash < 0 ? "" : s.substring(0, slash);
    if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
      registry = first;
      repository = s.substring(slash + 1);
    } else {
      registry = DOCKER_HUB;
      repository = s;
    }
    if (registry.equalsIgnoreCase("index.docker.io") || registry.equalsIgnoreCase(DOCKER_HUB_API)) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    return new ImageReference(registry, repository);
  }

  /** The {@code host[:port]} that serves this registry's API ({@code registry-1.docker.io} for Docker Hub). */
  public String endpoint() {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
  }

  /** The host without a port (IPv6 literals keep their brackets). */
  public String host() {
    String r = registry;
    if (r.startsWith("[")) {
      return r.substring(0, r.indexOf(']') + 1);
    }
    int c = r.lastIndexOf(':');
    return c < 0 ? r : r.substring(0, c);
  }

  /**
   * Whether the registry is on the loopback interface ({@code localhost}, {@code 127.x.x.x},
   * {@code [::1]}), where plain HTTP is used.
   */
  public boolean isLoopback() {
    String h = host();
    return h.equals("localhost") || h.matches("127(\\.[0-9]{1,3}){3}") || h.equals("[::1]");
  }

  /** {@code registry/repository}, e.g. {@code docker.io/library/nginx}. */
  @Override
  public String toString() {
    return registry + "/" + repository;
  }
}
