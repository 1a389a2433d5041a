package dev.kargo4j.testpeers;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts one {@link GitHttpServer} for a test class and stops it after
 * the class; tests receive it as a parameter or through {@link #server()}. When lighttpd is not
 * installed, the whole class is skipped with a message saying so.
 *
 * <pre>{@code
 * @RegisterExtension static final GitHttpServerExtension GIT = new GitHttpServerExtension();
 *
 * @Test void clones(GitHttpServer git) { ... }
 * }</pre>
 *
 * Register it as a static field. Not thread-safe for registration; the server itself is.
 */
public final class GitHttpServerExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private volatile GitHttpServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = GitHttpServer.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    GitHttpServer s = server;
    server = null;
    if (s != null) {
      s.close();
    }
  }

  /** The running server; only valid between the class's before-all and after-all. */
  public GitHttpServer server() {
    GitHttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("the git server runs only while the test class runs; "
          + "register the extension on a static field");
    }
    return s;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == GitHttpServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server();
  }
}
