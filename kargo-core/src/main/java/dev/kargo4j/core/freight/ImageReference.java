package dev.kargo4j.core.freight;

/**
 * go-containerregistry's {@code name.ParseReference(s, name.WeakValidation)} (v0.21.7, the
 * version Kargo pins), reduced to what {@link RepoUrls#normalizeImage} needs: the registry and
 * the repository (with Docker Hub's implicit {@code library/}).
 */
record ImageReference(String registry, String repository) {
  private static final String TAG_CHARS =
      "abcdefghijklmnopqrstuvwxyz0123456789_-.ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String REPOSITORY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-./";
  private static final String DEFAULT_REGISTRY = "index.docker.io";

  /** Parses a tag or digest reference; null when go-containerregistry would fail. */
  static ImageReference parse(String s) {
    ImageReference tag = parseTag(s);
    if (tag != null) {
      return tag;
    }
    return parseDigest(s);
  }

  private static ImageReference parseTag(String name) {
    String base = name;
    String[] parts = name.split(":", -1);
    if (parts.length > 1 && !parts[parts.length - 1].contains("/")) {
      String tag = parts[parts.length - 1];
      base = name.substring(0, name.length() - tag.length() - 1);
      if (tag.isEmpty()) {
        return null;
      }
      if (!checkElement(tag, TAG_CHARS, 1, 128)) {
        return null;
      }
    }
    return parseRepository(base);
  }

  private static ImageReference parseDigest(String name) {
    String[] parts = name.split("@", -1);
    if (parts.length != 2) {
      return null;
    }
    String base = parts[0];
    String dig = parts[1];
    if (!dig.startsWith("sha256:")) {
      return null;
    }
    String hex = dig.substring("sha256:".length());
    if (hex.length() != 64 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return null;
    }
    ImageReference tag = parseTag(base);
    if (tag != null) {
      base = tag.registry() + "/" + tag.repository();
    }
    return parseRepository(base);
  }

  private static ImageReference parseRepository(String name) {
    if (name.isEmpty()) {
      return null;
    }
    String registry = "";
    String repo = name;
    int slash = name.indexOf('/');
    if (slash >= 0) {
      String maybeRegistry = name.substring(0, slash);
      if (maybeRegistry.equals("localhost")
          || maybeRegistry.indexOf('.') >= 0
          || maybeRegistry.indexOf(':') >= 0) {
        registry = maybeRegistry;
        repo = name.substring(slash + 1);
      }
    }
    if (!checkElement(repo, REPOSITORY_CHARS, 2, 255)) {
      return null;
    }
    if (!validRegistry(registry)) {
      return null;
    }
    if (registry.isEmpty() || registry.equals("docker.io")) {
      registry = DEFAULT_REGISTRY;
    }
    if (repo.indexOf('/') < 0 && registry.equals(DEFAULT_REGISTRY)) {
      repo = "library/" + repo;
    }
    return new ImageReference(registry, repo);
  }

  private static boolean checkElement(String element, String allowed, int min, int max) {
    int runes = element.codePointCount(0, element.length());
    if (runes < min || runes > max) {
      return false;
    }
    return element.codePoints().allMatch(c -> allowed.indexOf(c) >= 0);
  }

  /** RFC 3986 authority check: Go's url.Parse("//" + name) must succeed with Host == name. */
  private static boolean validRegistry(String name) {
    try {
      GoUrl u = GoUrl.parse("//" + name);
      return u.host.equals(name);
    } catch (GoUrl.ParseException e) {
      return false;
    }
  }
}
