package dev.kargo4j.core.spi;

import java.util.Objects;

/**
 * Credentials for one repository. For HTTPS git, registries and PR APIs: a username and a
 * password or token (PR steps use the password as the API token, as Kargo does).
 * {@link #toString()} never shows the password or the key.
 *
 * @param username may be empty (token-only)
 * @param password the password or token; never null
 * @param sshPrivateKey a PEM private key for SSH git, or null
 */
public record Credentials(String username, String password, String sshPrivateKey) {
  public Credentials {
    username = username == null ? "" : username;
    Objects.requireNonNull(password, "password");
  }

  /** Username and password (or token). */
  public static Credentials basic(String username, String password) {
    return new Credentials(username, password, null);
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=***"
        + (sshPrivateKey == null ? "" : ", sshPrivateKey=***") + "]";
  }
}
