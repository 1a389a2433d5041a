package dev.kargo4j.core.spi;

import java.util.Optional;

/**
 * The host's source of credentials, asked by (type, repository URL) as Kargo asks its
 * credentials database. Implementations must be thread-safe and must not log secret values.
 */
@FunctionalInterface
public interface CredentialsProvider {

  /** No credentials at all. */
  CredentialsProvider NONE = (type, url) -> Optional.empty();

  /** The credentials for {@code repoUrl}, or empty when the host has none. */
  Optional<Credentials> credentials(CredentialType type, String repoUrl);
}
