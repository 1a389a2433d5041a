package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.map;
import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.str;

import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.expr.GoRegexp;
import dev.kargo4j.expr.InvalidRegexpException;
import java.util.Map;

/**
 * A credentials Secret: a Kubernetes Secret labelled {@code kargo.akuity.io/cred-type}
 * ({@link #LABEL}): their {@code type}, the {@code repoURL} they apply to (a regular
 * expression when {@code repoURLIsRegex}), {@code username}, {@code password},
 * {@code sshPrivateKey} (git), and all decoded {@code data} (generic credentials). Absent
 * values are empty strings.
 *
 * <p>{@link #toString()} never shows the password, the SSH key or any data value, so these
 * credentials can be logged safely.
 *
 * <p>Immutable and thread-safe.
 */
public record CredentialsSecret(
    ObjectMeta metadata,
    CredentialType type,
    String repoURL,
    boolean repoURLIsRegex,
    String username,
    String password,
    String sshPrivateKey,
    Map<String, String> data) {

  /** The label that marks a Secret as credentials. */
  public static final String LABEL = "kargo.akuity.io/cred-type";

  /** Validates; a regex {@code repoURL} must compile. */
  public CredentialsSecret {
    required("metadata", metadata);
    required("type", type);
    repoURL = str(repoURL);
    username = str(username);
    password = str(password);
    sshPrivateKey = str(sshPrivateKey);
    data = map("data", data);
    if (repoURLIsRegex) {
      try {
        GoRegexp.compile(repoURL);
      } catch (InvalidRegexpException e) {
        throw new InvalidModelException("data.repoURL", "repoURLIsRegex is true but repoURL is not a"
            + " valid regular expression: " + e.reason() + " (RE2 syntax as Go's regexp: no"
            + " look-around or back-references)");
      }
    }
  }

  /** The Secret's name. */
  public String name() {
    return metadata.name();
  }

  /**
   * Whether these credentials apply to {@code url}, which the caller has already
   * normalised for the type (see {@code dev.kargo4j.core.freight.RepoUrls}). A regex is tried
   * against both {@code url} and {@code normalizedUrl}; a plain URL is compared after the
   * caller's normalisation of both sides, so pass {@code normalizedRepoURL} for the Secret's
   * own URL.
   */
  public boolean matches(String url, String normalizedUrl, String normalizedRepoURL) {
    if (repoURLIsRegex) {
      // RE2: linear in the URL whatever the Secret's author wrote
      GoRegexp p = GoRegexp.compile(repoURL);
      return p.matchString(url) || p.matchString(normalizedUrl);
    }
    return !repoURL.isEmpty() && normalizedRepoURL.equals(normalizedUrl);
  }

  /**
   * The credentials to hand to steps and discovery (username, password and the SSH key when
   * set).
   */
  public Credentials toCredentials() {
    return new Credentials(username, password, sshPrivateKey.isEmpty() ? null : sshPrivateKey);
  }

  /** Never shows secret values. */
  @Override
  public String toString() {
    return "CredentialsSecret[" + metadata.namespace() + "/" + metadata.name()
        + ", type=" + type.label()
        + ", repoURL=" + repoURL
        + ", repoURLIsRegex=" + repoURLIsRegex
        + ", username=" + username
        + ", password=" + (password.isEmpty() ? "" : "<redacted>")
        + ", sshPrivateKey=" + (sshPrivateKey.isEmpty() ? "" : "<redacted>")
        + ", dataKeys=" + data.keySet() + "]";
  }
}
