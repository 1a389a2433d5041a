package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The config of {@code git-clone} (Kargo's {@code git-clone-config.json}).
 *
 * @param repoURL the repository to clone; required
 * @param checkout what to check out where; at least one
 * @param author the identity of commits and tags made in these checkouts; Kargo's default
 *     ({@code Kargo <no-reply@kargo.io>}) when null
 * @param insecureSkipTLSVerify accept any TLS certificate
 * @param recurseSubmodules also check out submodules (with the same credentials)
 * @param blobless accepted for compatibility; JGit always fetches blobs
 */
public record GitCloneConfig(String repoURL, List<Checkout> checkout, GitAuthor author,
    boolean insecureSkipTLSVerify, boolean recurseSubmodules, boolean blobless) {
  public GitCloneConfig {
    ConfigRules.required(repoURL, "repoURL");
    checkout = List.copyOf(ConfigRules.minItems(checkout, 1, "checkout"));
    Set<String> aliases = new HashSet<>();
    for (int i = 0; i < checkout.size(); i++) {
      String as = checkout.get(i).as();
      if (as != null && !as.isEmpty() && !aliases.add(as)) {
        throw new InvalidConfigException("checkout[" + i + "].as: duplicate checkout alias '" + as
            + "'; each checkout needs its own alias");
      }
    }
  }

  /**
   * One checkout.
   *
   * @param path where, relative to the work directory; required
   * @param branch a branch (at most one of branch, commit, tag; none means the default branch)
   * @param commit a commit id
   * @param tag a tag
   * @param create with {@code branch}: create it as an empty orphan branch when it does not exist
   * @param as the key of this checkout in the {@code commits} output (default: {@code path})
   * @param sparse directories to check out (cone mode); null or at least one
   */
  public record Checkout(String path, String branch, String commit, String tag, boolean create,
      String as, List<String> sparse) {
    public Checkout {
      ConfigRules.required(path, "path");
      ConfigRules.atMostOne("branch, commit, tag", branch, commit, tag);
      if (sparse != null) {
        ConfigRules.minItems(sparse, 1, "sparse");
        for (int i = 0; i < sparse.size(); i++) {
          ConfigRules.required(sparse.get(i), "sparse[" + i + "]");
        }
        sparse = List.copyOf(sparse);
      }
    }
  }
}
