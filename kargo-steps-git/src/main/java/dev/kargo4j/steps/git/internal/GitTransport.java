package dev.kargo4j.steps.git.internal;

import dev.kargo4j.core.spi.Credentials;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * How every network command is set up: the host's credentials (HTTPS user and password or
 * token) and a read timeout. Stateless.
 */
public final class GitTransport {
  /** Seconds without progress after which a network operation fails. */
  public static final int TIMEOUT_SECONDS = 120;

  private GitTransport() {}

  /** Applies {@code creds} (may be null) and the timeout to {@code command}. */
  public static <C extends TransportCommand<C, ?>> C configure(C command, Credentials creds) {
    command.setTimeout(TIMEOUT_SECONDS);
    if (creds != null && !creds.password().isEmpty()) {
      command.setCredentialsProvider(
          new UsernamePasswordCredentialsProvider(creds.username(), creds.password()));
    }
    return command;
  }
}
