package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import java.util.Set;

/**
 * The config of {@code git-push}: at most one of {@code targetBranch},
 * {@code generateTargetBranch: true} and {@code tag}; none pushes the current branch.
 *
 * @param path the checkout; required
 * @param targetBranch the remote branch to push to
 * @param generateTargetBranch push to {@code kargo/promotion/<promotion>}, forced
 * @param tag push this tag instead of a branch (not with {@code force})
 * @param force overwrite the remote branch instead of rebasing onto it
 * @param maxAttempts attempts on non-fast-forward rejections, at least 1; default 10
 * @param provider the git provider used for {@code commitURL}; detected from the host when null
 */
public record GitPushConfig(String path, String targetBranch, boolean generateTargetBranch,
    String tag, boolean force, Integer maxAttempts, String provider) {
  /** Kargo's provider names. */
  public static final Set<String> PROVIDERS = Set.of("azure", "bitbucket", "gitea", "github", "gitlab");

  public GitPushConfig {
    ConfigRules.required(path, "path");
    ConfigRules.atMostOne("targetBranch, generateTargetBranch, tag", targetBranch, generateTargetBranch, tag);
    if (tag != null && !tag.isEmpty() && force) {
      throw new InvalidConfigException("force: a tag cannot be force-pushed; remove force or tag");
    }
    if (maxAttempts != null && maxAttempts < 1) {
      throw new InvalidConfigException("maxAttempts: must be at least 1, was " + maxAttempts);
    }
    ConfigRules.oneOf(provider, PROVIDERS, "provider");
  }

  /** The number of attempts: {@code maxAttempts} or Kargo's default 10. */
  public int attempts() {
    return maxAttempts == null ? 10 : maxAttempts;
  }
}
