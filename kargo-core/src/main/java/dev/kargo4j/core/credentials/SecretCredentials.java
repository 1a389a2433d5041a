package dev.kargo4j.core.credentials;

import dev.kargo4j.core.freight.RepoUrls;
import dev.kargo4j.core.model.CredentialsSecret;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link CredentialsProvider} over Kubernetes Secrets labelled
 * {@code kargo.akuity.io/cred-type}, matched as Kargo's credentials database matches them: by
 * type, then a Secret whose {@code repoURL} equals the requested URL after the type's
 * normalisation (git URLs, image and chart references) wins over one whose
 * {@code repoURLIsRegex} pattern matches; among several of the same kind, the first by name.
 * Immutable and thread-safe; nothing it logs or throws contains a secret value.
 */
public final class SecretCredentials implements CredentialsProvider {
  private final List<CredentialsSecret> secrets;

  private SecretCredentials(List<CredentialsSecret> secrets) {
    List<CredentialsSecret> sorted = new ArrayList<>(secrets);
    sorted.sort(Comparator.comparing(CredentialsSecret::name));
    this.secrets = List.copyOf(sorted);
  }

  /** A provider over {@code secrets} (e.g. {@code ManifestSet.credentials()}). */
  public static SecretCredentials of(List<CredentialsSecret> secrets) {
    return new SecretCredentials(secrets);
  }

  @Override
  public Optional<Credentials> credentials(CredentialType type, String repoUrl) {
    String normalized = normalize(type, repoUrl);
    CredentialsSecret byPattern = null;
    for (CredentialsSecret s : secrets) {
      if (s.type() != type) {
        continue;
      }
      if (!s.repoURLIsRegex()) {
        if (s.matches(repoUrl, normalized, normalize(type, s.repoURL()))) {
          return Optional.of(s.toCredentials());
        }
      } else if (byPattern == null && s.matches(repoUrl, normalized, "")) {
        byPattern = s;
      }
    }
    return Optional.ofNullable(byPattern).map(CredentialsSecret::toCredentials);
  }

  static String normalize(CredentialType type, String url) {
    if (url == null || url.isEmpty()) {
      return "";
    }
    return switch (type) {
      case GIT -> RepoUrls.normalizeGit(url);
      case IMAGE -> RepoUrls.normalizeImage(url);
      case HELM -> url.startsWith("oci://") ? RepoUrls.normalizeChart(url) : url.strip().replaceAll("/+$", "");
      case GENERIC -> url;
    };
  }

  @Override
  public String toString() {
    return "SecretCredentials[" + secrets.size() + " secrets]";
  }
}
