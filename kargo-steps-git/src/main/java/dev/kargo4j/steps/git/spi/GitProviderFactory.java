package dev.kargo4j.steps.git.spi;

/**
 * Makes {@link GitProvider}s for one git hosting service (GitHub, GitLab, Gitea, ...). Found
 * through {@link java.util.ServiceLoader} (declare it in
 * {@code META-INF/services/dev.kargo4j.steps.git.spi.GitProviderFactory}) or registered
 * explicitly with {@code GitProviders.of(...)}. Implementations are stateless and thread-safe.
 */
public interface GitProviderFactory {

  /** The provider's name as steps write it in {@code provider}, e.g. {@code github}; lower case. */
  String name();

  /**
   * True when {@code repoUrl} looks hosted by this service (Kargo decides by the host name, e.g.
   * it contains {@code gitlab}); used when a step names no provider.
   */
  boolean handles(String repoUrl);

  /**
   * A provider for the repository in {@code options}. Fails with a
   * {@link GitProviderException} when the URL does not name a repository of this service.
   */
  GitProvider create(GitProviderOptions options);
}
