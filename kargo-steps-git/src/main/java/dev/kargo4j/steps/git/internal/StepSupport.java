package dev.kargo4j.steps.git.internal;

import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.StepContext;

/** Small pieces every git step shares. Stateless. */
public final class StepSupport {
  private StepSupport() {}

  /**
   * The host's git credentials for {@code repoUrl} (asked without the URL's user information,
   * which is never used: credentials come from the host only), or null when it has none.
   */
  public static Credentials gitCredentials(StepContext ctx, String repoUrl) {
    return ctx.capability(Capability.CREDENTIALS)
        .credentials(CredentialType.GIT, RepoUrls.withoutUserInfo(repoUrl)).orElse(null);
  }
}
