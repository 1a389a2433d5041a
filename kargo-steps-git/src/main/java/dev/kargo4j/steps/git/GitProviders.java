package dev.kargo4j.steps.git;

import dev.kargo4j.KargoException;
import dev.kargo4j.steps.git.spi.GitProviderFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The git hosting services the pull-request steps (and git-push's {@code commitURL}) know, found
 * by name ({@code provider: gitlab}) or, when no name is given, by the repository's host as Kargo
 * detects it: the first factory, in registration order, whose
 * {@link GitProviderFactory#handles(String)} says yes. Immutable and thread-safe.
 */
public final class GitProviders {
  private final Map<String, GitProviderFactory> byName;

  private GitProviders(Map<String, GitProviderFactory> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** GitHub, GitLab and Gitea, built in. */
  public static GitProviders builtIn() {
    return discover(GitProviders.class.getClassLoader());
  }

  /**
   * The factories {@link ServiceLoader} finds through {@code classLoader}. Two factories with
   * the same name fail, naming both classes.
   */
  public static GitProviders discover(ClassLoader classLoader) {
    List<GitProviderFactory> found = new ArrayList<>();
    ServiceLoader.load(GitProviderFactory.class, classLoader).forEach(found::add);
    return of(found.toArray(GitProviderFactory[]::new));
  }

  /** Exactly {@code factories}, in this order of detection. */
  public static GitProviders of(GitProviderFactory... factories) {
    Map<String, GitProviderFactory> map = new LinkedHashMap<>();
    for (GitProviderFactory f : factories) {
      GitProviderFactory previous = map.putIfAbsent(f.name(), f);
      if (previous != null) {
        throw new KargoException("two git providers are named '" + f.name() + "': "
            + previous.getClass().getName() + " and " + f.getClass().getName());
      }
    }
    return new GitProviders(map);
  }

  /** The names known, in detection order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /**
   * The factory named {@code name}, or (when {@code name} is null) the first that handles
   * {@code repoUrl}; empty when none does.
   */
  public Optional<GitProviderFactory> find(String repoUrl, String name) {
    if (name != null) {
      return Optional.ofNullable(byName.get(name));
    }
    return byName.values().stream().filter(f -> f.handles(repoUrl)).findFirst();
  }

  /** Like {@link #find} but fails with a message naming what is known. */
  public GitProviderFactory require(String repoUrl, String name) {
    return find(repoUrl, name).orElseThrow(() -> new KargoException(name != null
        ? "no git provider is named '" + name + "'; known: " + String.join(", ", byName.keySet())
        : "no git provider recognises the repository URL " + dev.kargo4j.steps.git.internal.RepoUrls.redact(repoUrl)
            + " (detected by host name: github, *.ghe.com, gitlab, gitea); set 'provider' to one of: "
            + String.join(", ", byName.keySet())));
  }
}
