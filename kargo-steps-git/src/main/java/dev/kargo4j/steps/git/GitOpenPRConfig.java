package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.ConfigRules;
import java.util.List;

/**
 * The config of {@code git-open-pr}.
 *
 * @param repoURL the repository; required
 * @param sourceBranch the branch with the changes; required, must exist on the remote
 * @param targetBranch the branch to merge into; required, must exist
 * @param title the title; default the first line of the source head's commit message
 * @param description the description; default the rest of that message
 * @param labels labels to add
 * @param provider {@code github}, {@code gitlab}, {@code gitea} (also {@code azure},
 *     {@code bitbucket} when a plug-in provides them); detected from the host when null
 * @param insecureSkipTLSVerify accept any TLS certificate
 * @param createTargetBranch deprecated in Kargo; ignored
 */
public record GitOpenPRConfig(String repoURL, String sourceBranch, String targetBranch, String title,
    String description, List<String> labels, String provider, boolean insecureSkipTLSVerify,
    Boolean createTargetBranch) {
  public GitOpenPRConfig {
    ConfigRules.required(repoURL, "repoURL");
    ConfigRules.required(sourceBranch, "sourceBranch");
    ConfigRules.required(targetBranch, "targetBranch");
    ConfigRules.oneOf(provider, GitPushConfig.PROVIDERS, "provider");
    labels = labels == null ? List.of() : List.copyOf(labels);
  }
}
