package dev.kargo4j.steps.git.internal;

import dev.kargo4j.core.spi.Credentials;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import java.util.concurrent.ThreadLocalRandom;

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

  /** A push: a fresh command per attempt (JGit commands run once). */
  @FunctionalInterface
  public interface Push {
    Iterable<PushResult> call() throws GitAPIException;
  }

  /**
   * Runs {@code push}, again (up to five times, a few tens of milliseconds apart) when it failed
   * only because another push of the very same objects held the remote's pack lock: JGit
   * receiving in-process ({@code file://} remotes) names a pack after its content, so two
   * promotions pushing identical commits at once (e.g. the empty initial commits of new branches)
   * collide on the pack's lock file. Other failures are thrown at once.
   */
  public static Iterable<PushResult> pushRetryingPackLocks(Push push) throws GitAPIException {
    for (int attempt = 1; ; attempt++) {
      try {
        return push.call();
      } catch (GitAPIException e) {
        if (attempt >= 5 || !isPackLockCollision(e)) {
          throw e;
        }
        try {
          Thread.sleep(20L * attempt + ThreadLocalRandom.current().nextInt(20));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static boolean isPackLockCollision(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("Cannot lock pack")) {
        return true;
      }
    }
    return false;
  }
}
