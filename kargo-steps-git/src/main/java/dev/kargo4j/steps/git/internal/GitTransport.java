package dev.kargo4j.steps.git.internal;

import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Proxy;
import java.net.ProtocolException;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.HttpConnectionFactory2;
import org.eclipse.jgit.util.HttpSupport;

/**
 * How every network command is set up: which URLs the host allows, the host's credentials
 * (bound to the origin they belong to), per-operation TLS leniency and a read timeout.
 *
 * <p>JGit's stock {@code UsernamePasswordCredentialsProvider} answers for any URL, and once it
 * authenticated, JGit re-sends the {@code Authorization} header to wherever the server redirects
 * it. Here every transport JGit opens (the repository itself, a submodule, ...) gets its own
 * credentials: those the host supplied when the transport's URL has the origin (scheme, host,
 * port) of the repository they were asked for, otherwise those the host's provider has for the
 * transport's own URL, as the git CLI asks its credential helper per host. An
 * {@code Authorization} header is only ever sent to the transport's own origin, so a redirect to
 * another host gets none. Stateless.
 */
public final class GitTransport {
  /** Seconds without progress after which a network operation fails. */
  public static final int TIMEOUT_SECONDS = 120;

  private GitTransport() {}

  /**
   * One remote operation's settings.
   *
   * @param url the repository URL the credentials were asked for
   * @param creds the host's credentials for {@code url}; null when none
   * @param host the host's provider, asked for other origins (submodules); null to ask nobody
   * @param allowLocal whether {@code file://} URLs and paths may be opened
   * @param insecure accept any TLS certificate, for this operation only (never stored)
   */
  public record Remote(String url, Credentials creds, CredentialsProvider host, boolean allowLocal,
      boolean insecure) {}

  /** Applies {@code remote}'s credentials, URL policy, TLS leniency and the timeout to {@code command}. */
  public static <C extends TransportCommand<C, ?>> C configure(C command, Remote remote) {
    command.setTimeout(TIMEOUT_SECONDS);
    String base = RepoUrls.origin(remote.url());
    command.setCredentialsProvider(new OriginCredentials(base, usable(remote.creds()), remote.insecure()));
    command.setTransportConfigCallback(t -> {
      URIish uri = t.getURI();
      String url = uri.toString();
      RepoUrls.requireAllowed(url, remote.allowLocal(), "repository URL");
      String origin = RepoUrls.origin(uri);
      Credentials c;
      if (origin.equals(base)) {
        c = remote.creds();
      } else {
        c = remote.host() == null ? null
            : remote.host().credentials(CredentialType.GIT, RepoUrls.withoutUserInfo(url)).orElse(null);
      }
      t.setCredentialsProvider(new OriginCredentials(origin, usable(c), remote.insecure() && origin.equals(base)));
      if (t instanceof TransportHttp http) {
        http.setHttpConnectionFactory(new OriginBoundConnections(http.getHttpConnectionFactory(), origin));
      }
    });
    return command;
  }

  private static Credentials usable(Credentials c) {
    return c == null || c.password() == null || c.password().isEmpty() ? null : c;
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

  /**
   * Answers with {@code creds} only when JGit asks for a URL of {@code origin}; answers "trust
   * this certificate for this operation only" when {@code insecure}, never "for this repository"
   * or "always" (which JGit would store in the repository's or the user's git config).
   */
  static final class OriginCredentials extends org.eclipse.jgit.transport.CredentialsProvider {
    private final String origin;
    private final Credentials creds;
    private final boolean insecure;

    OriginCredentials(String origin, Credentials creds, boolean insecure) {
      this.origin = origin;
      this.creds = creds;
      this.insecure = insecure;
    }

    @Override
    public boolean isInteractive() {
      return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
      for (CredentialItem i : items) {
        if (!(i instanceof CredentialItem.Username || i instanceof CredentialItem.Password
            || i instanceof CredentialItem.StringType || i instanceof CredentialItem.CharArrayType
            || i instanceof CredentialItem.YesNoType || i instanceof CredentialItem.InformationalMessage)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
      boolean mine = RepoUrls.origin(uri).equals(origin);
      boolean firstQuestion = true;
      for (CredentialItem i : items) {
        if (i instanceof CredentialItem.InformationalMessage) {
          continue;
        }
        if (i instanceof CredentialItem.YesNoType yn) {
          // JGit asks: trust now? for this repository? always? Only "now" may be yes.
          yn.setValue(firstQuestion && insecure && mine);
          firstQuestion = false;
          continue;
        }
        if (!mine || creds == null) {
          return false;
        }
        if (i instanceof CredentialItem.Username u) {
          u.setValue(creds.username());
        } else if (i instanceof CredentialItem.Password p) {
          p.setValue(creds.password().toCharArray());
        } else if (i instanceof CredentialItem.StringType s) {
          s.setValue(creds.password());
        } else if (i instanceof CredentialItem.CharArrayType c) {
          c.setValue(creds.password().toCharArray());
        } else {
          throw new UnsupportedCredentialItem(uri, i.getClass().getSimpleName() + ":" + i.getPromptText());
        }
      }
      return true;
    }
  }

  /** Connections that never carry an {@code Authorization} header to another origin. */
  static final class OriginBoundConnections implements HttpConnectionFactory2 {
    private final HttpConnectionFactory delegate;
    private final String origin;

    OriginBoundConnections(HttpConnectionFactory delegate, String origin) {
      this.delegate = delegate;
      this.origin = origin;
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
      return bind(delegate.create(url), url);
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
      return bind(delegate.create(url, proxy), url);
    }

    private HttpConnection bind(HttpConnection conn, URL url) {
      return RepoUrls.origin(new URIish(url)).equals(origin) ? conn : new NoAuthorization(conn);
    }

    @Override
    public GitSession newSession() {
      GitSession inner = delegate instanceof HttpConnectionFactory2 f2 ? f2.newSession() : null;
      return new GitSession() {
        @Override
        public HttpConnection configure(HttpConnection conn, boolean sslVerify)
            throws IOException, GeneralSecurityException {
          HttpConnection raw = conn instanceof NoAuthorization n ? n.conn : conn;
          HttpConnection out;
          if (inner != null) {
            out = inner.configure(raw, sslVerify);
          } else {
            if (!sslVerify) {
              HttpSupport.disableSslVerify(raw);
            }
            out = raw;
          }
          return conn instanceof NoAuthorization ? new NoAuthorization(out) : out;
        }

        @Override
        public void close() {
          if (inner != null) {
            inner.close();
          }
        }
      };
    }
  }

  /** A connection that drops the {@code Authorization} header; everything else is delegated. */
  static final class NoAuthorization implements HttpConnection {
    final HttpConnection conn;

    NoAuthorization(HttpConnection conn) {
      this.conn = conn;
    }

    @Override
    public void setRequestProperty(String key, String value) {
      if (!HttpSupport.HDR_AUTHORIZATION.equalsIgnoreCase(key)) {
        conn.setRequestProperty(key, value);
      }
    }

    @Override public int getResponseCode() throws IOException { return conn.getResponseCode(); }
    @Override public URL getURL() { return conn.getURL(); }
    @Override public String getResponseMessage() throws IOException { return conn.getResponseMessage(); }
    @Override public Map<String, List<String>> getHeaderFields() { return conn.getHeaderFields(); }
    @Override public void setRequestMethod(String method) throws ProtocolException { conn.setRequestMethod(method); }
    @Override public void setUseCaches(boolean usecaches) { conn.setUseCaches(usecaches); }
    @Override public void setConnectTimeout(int timeout) { conn.setConnectTimeout(timeout); }
    @Override public void setReadTimeout(int timeout) { conn.setReadTimeout(timeout); }
    @Override public String getContentType() { return conn.getContentType(); }
    @Override public InputStream getInputStream() throws IOException { return conn.getInputStream(); }
    @Override public String getHeaderField(String name) { return conn.getHeaderField(name); }
    @Override public List<String> getHeaderFields(String name) { return conn.getHeaderFields(name); }
    @Override public int getContentLength() { return conn.getContentLength(); }
    @Override public void setInstanceFollowRedirects(boolean follow) { conn.setInstanceFollowRedirects(follow); }
    @Override public void setDoOutput(boolean dooutput) { conn.setDoOutput(dooutput); }
    @Override public void setFixedLengthStreamingMode(int contentLength) { conn.setFixedLengthStreamingMode(contentLength); }
    @Override public OutputStream getOutputStream() throws IOException { return conn.getOutputStream(); }
    @Override public void setChunkedStreamingMode(int chunklen) { conn.setChunkedStreamingMode(chunklen); }
    @Override public String getRequestMethod() { return conn.getRequestMethod(); }
    @Override public boolean usingProxy() { return conn.usingProxy(); }
    @Override public void connect() throws IOException { conn.connect(); }

    @Override
    public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random)
        throws NoSuchAlgorithmException, KeyManagementException {
      conn.configure(km, tm, random);
    }

    @Override
    public void setHostnameVerifier(HostnameVerifier hostnameverifier)
        throws NoSuchAlgorithmException, KeyManagementException {
      conn.setHostnameVerifier(hostnameverifier);
    }
  }
}
