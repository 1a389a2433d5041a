package dev.kargo4j.core.oci.internal;

import dev.kargo4j.core.oci.ImageReference;
import dev.kargo4j.core.oci.OciException;
import dev.kargo4j.core.oci.OciException.Reason;
import dev.kargo4j.core.oci.RateLimit;
import dev.kargo4j.core.spi.BoundedHttpClient;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.Sleeper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends registry API requests: picks the scheme (plain HTTP for loopback registries, or after a
 * TLS failure when TLS verification is skipped), applies the per-registry rate limit, answers
 * {@code WWW-Authenticate} challenges (bearer tokens from the realm, anonymous or with
 * credentials; basic auth), remembers how each repository authenticates so later requests
 * need no extra round trip, follows redirects through a {@link BoundedHttpClient} (each whole
 * exchange within the request timeout, each body within its limit, credentials dropped when the
 * host changes or https turns into http), sends credentials to no other host (pagination links),
 * sends Basic credentials to a plain-http token realm only when the registry itself is plain
 * http on that host, and counts every request. Credentials and tokens never reach a message or a log line.
 * Thread-safe.
 */
public final class RegistryTransport {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);
  private static final long MAX_ERROR_BODY = 64 * 1024;

  /** A repository with the credentials and TLS setting to use for it. */
  public record Target(ImageReference ref, Credentials credentials, boolean insecure) {
    /** A key that tells credentials apart without holding them in clear. */
    String credentialsKey() {
      if (credentials == null) {
        return "anonymous";
      }
      return credentials.username() + ":" + sha256Hex(credentials.password().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return ref + (credentials == null ? "" : " (with credentials)");
    }
  }

  /** A response with its body read (empty for HEAD). */
  public record Response(int status, HttpHeaders headers, byte[] body, URI uri) {
    /** The first value of a header, or null. */
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private record Token(String value, Instant expiresAt) {
    @Override
    public String toString() {
      return "Token[***, expiresAt=" + expiresAt + "]";
    }
  }

  private final BoundedHttpClient client;
  private final Duration connectTimeout;
  private volatile BoundedHttpClient insecureClient;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RateLimit rateLimit;
  private final Duration requestTimeout;
  private final String userAgent;
  private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> plainHttp = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Token> tokens = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AuthChallenge> challenges = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();

  public RegistryTransport(HttpClient client, Duration connectTimeout, Clock clock, Sleeper sleeper,
      RateLimit rateLimit, Duration requestTimeout, String userAgent) {
    this.connectTimeout = connectTimeout;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    this.client = bounded(Objects.requireNonNull(client, "client"));
  }

  /**
   * {@code c} as this transport uses it: each exchange (all hops, the whole body) within the
   * request timeout. Registries are the host's
   * configuration, so link-local ones are not refused (Kargo does not refuse them either).
   */
  private BoundedHttpClient bounded(HttpClient c) {
    return BoundedHttpClient.of(c).withTimeout(requestTimeout).withLinkLocalRefused(false);
  }

  /** HTTP requests sent so far. */
  public long requests() {
    return requests.get();
  }

  /** Requests that waited for the rate limit so far. */
  public long throttled() {
    return throttled.get();
  }

  /** Forgets tokens and learned authentication schemes. */
  public void forgetAuth() {
    tokens.clear();
    challenges.clear();
  }

  /** The base URL {@code scheme://endpoint} of {@code target}'s registry. */
  public String baseUrl(Target target) {
    String endpoint = target.ref().endpoint();
    boolean http = target.ref().isLoopback() || plainHttp.containsKey(endpoint);
    return (http ? "http://" : "https://") + endpoint;
  }

  /**
   * Sends {@code method} to {@code pathOrUrl} (a path below the registry, or an absolute URL
   * such as a pagination link) with authentication; returns any status except 401, which
   * becomes an {@link OciException}.
   *
   * @param maxBytes the largest body accepted
   */
  public Response send(Target target, String method, String pathOrUrl, List<String> accept, long maxBytes) {
    URI uri = pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")
        ? URI.create(pathOrUrl) : URI.create(baseUrl(target) + pathOrUrl);
    String challengeKey = target.ref().endpoint() + "|" + target.ref().repository() + "|" + target.credentialsKey();
    // a pagination link may name another host: it gets no credentials (as go-containerregistry
    // sends them only to the registry's own host)
    boolean ownHost = uri.getRawAuthority() != null
        && uri.getRawAuthority().equalsIgnoreCase(target.ref().endpoint());
    boolean retriedAfterChallenge = false;
    while (true) {
      String authorization = ownHost ? authorizationFor(target, challengeKey) : null;
      Response r = exchange(target, method, uri, accept, authorization, maxBytes);
      if (r.status() != 401) {
        return r;
      }
      AuthChallenge challenge = AuthChallenge.preferred(r.headers().allValues("WWW-Authenticate"));
      if (challenge == null || retriedAfterChallenge || !ownHost) {
        throw unauthorized(target, r, authorization != null);
      }
      retriedAfterChallenge = true;
      if (challenge.isBasic() && target.credentials() == null) {
        throw unauthorized(target, r, false);
      }
      if (challenge.isBearer() && challenge.param("realm").isEmpty()) {
        throw new OciException(target.ref().toString(), Reason.UNAUTHORIZED, 401, "registry "
            + target.ref().endpoint() + " sent a bearer challenge without a realm for " + target.ref(), null);
      }
      challenges.put(challengeKey, challenge);
      if (challenge.isBearer()) {
        tokens.remove(tokenKey(target, challenge));
      }
      LOG.debug("registry {} asks for {} authentication for {}", target.ref().endpoint(), challenge.scheme(), target.ref());
    }
  }

  private OciException unauthorized(Target target, Response r, boolean sentCredentials) {
    String detail = OciContent.errors(r.body());
    String what = target.credentials() == null
        ? "requires credentials to read " + target.ref() + " and none are configured"
        : "refused the configured credentials for " + target.ref();
    return new OciException(target.ref().toString(), Reason.UNAUTHORIZED, 401, "registry "
        + target.ref().endpoint() + " " + what + " (HTTP 401" + (detail.isEmpty() ? "" : ", " + detail) + ")", null);
  }

  private String authorizationFor(Target target, String challengeKey) {
    AuthChallenge c = challenges.get(challengeKey);
    if (c == null) {
      return null;
    }
    if (c.isBasic()) {
      return target.credentials() == null ? null : basic(target.credentials());
    }
    String key = tokenKey(target, c);
    Token t = tokens.get(key);
    if (t == null || !clock.instant().isBefore(t.expiresAt())) {
      t = fetchToken(target, c);
      tokens.put(key, t);
    }
    return "Bearer " + t.value();
  }

  private static String scope(Target target, AuthChallenge c) {
    String scope = c.param("scope");
    return scope.isEmpty() ? "repository:" + target.ref().repository() + ":pull" : scope;
  }

  private static String tokenKey(Target target, AuthChallenge c) {
    return c.param("realm") + "|" + c.param("service") + "|" + scope(target, c) + "|" + target.credentialsKey();
  }

  private Token fetchToken(Target target, AuthChallenge c) {
    StringBuilder url = new StringBuilder(c.param("realm"));
    char sep = url.indexOf("?") >= 0 ? '&' : '?';
    if (!c.param("service").isEmpty()) {
      url.append(sep).append("service=").append(URLEncoder.encode(c.param("service"), StandardCharsets.UTF_8));
      sep = '&';
    }
    url.append(sep).append("scope=").append(URLEncoder.encode(scope(target, c), StandardCharsets.UTF_8));
    URI uri;
    try {
      uri = URI.create(url.toString());
    } catch (IllegalArgumentException e) {
      throw new OciException(target.ref().toString(), Reason.UNAUTHORIZED, 401, "registry "
          + target.ref().endpoint() + " named an invalid token realm", null);
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw new OciException(target.ref().toString(), Reason.UNAUTHORIZED, 401, "registry "
          + target.ref().endpoint() + " named a token realm that is not http(s)", null);
    }
    if (target.credentials() != null && "http".equals(uri.getScheme()) && !mayUsePlainHttpRealm(target, uri)) {
      // Docker's client sends the Basic credentials to whatever realm the registry names; a
      // registry reached over TLS (or another host) must not be able to have them sent in clear
      throw new OciException(target.ref().toString(), Reason.UNAUTHORIZED, 401, "registry "
          + target.ref().endpoint() + " named a token realm on plain http (" + uri.getScheme() + "://"
          + uri.getRawAuthority() + "); credentials are sent to an http realm only when the registry itself"
          + " is plain http on the same host", null);
    }
    String auth = target.credentials() == null ? null : basic(target.credentials());
    Response r = exchange(target, "GET", uri, List.of("application/json"), auth, 1024 * 1024);
    if (r.status() == 401 || r.status() == 403) {
      throw new OciException(target.ref().toString(), Reason.UNAUTHORIZED, r.status(), "the token service of registry "
          + target.ref().endpoint() + (target.credentials() == null
              ? " refused an anonymous token for " + target.ref() + "; configure credentials"
              : " refused the configured credentials for " + target.ref())
          + " (HTTP " + r.status() + ")", null);
    }
    if (r.status() != 200) {
      throw new OciException(target.ref().toString(), Reason.HTTP_STATUS, r.status(), "the token service of registry "
          + target.ref().endpoint() + " answered HTTP " + r.status() + " for " + target.ref(), null);
    }
    try {
      OciContent.TokenResponse tr = OciContent.token(r.body());
      // renew a little early so a token never expires in flight
      long seconds = Math.max(1, tr.expiresInSeconds() - 10);
      return new Token(tr.token(), clock.instant().plusSeconds(seconds));
    } catch (OciContent.BadContentException e) {
      throw new OciException(target.ref().toString(), Reason.INVALID_CONTENT, r.status(), "the token service of registry "
          + target.ref().endpoint() + " sent an invalid token response: " + e.getMessage(), null);
    }
  }

  /** Whether the registry itself is reached over plain http and the realm is on the same host. */
  private boolean mayUsePlainHttpRealm(Target target, URI realm) {
    boolean registryPlain = baseUrl(target).startsWith("http://");
    String registryHost = URI.create(baseUrl(target)).getHost();
    return registryPlain && registryHost != null && registryHost.equalsIgnoreCase(realm.getHost());
  }

  private static String basic(Credentials c) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One exchange, following redirects (a {@link BoundedHttpClient}'s rules: credentials are
   * dropped for another host and on a downgrade from https to http); no authentication
   * handling beyond sending {@code authorization}.
   */
  private Response exchange(Target target, String method, URI uri, List<String> accept, String authorization, long maxBytes) {
    URI current = uri;
    boolean triedPlainHttp = false;
    while (true) {
      HttpRequest.Builder b = HttpRequest.newBuilder(current)
          .header("User-Agent", userAgent)
          .method(method, HttpRequest.BodyPublishers.noBody());
      if (!accept.isEmpty()) {
        b.header("Accept", String.join(", ", accept));
      }
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      TruncatingSink errorBody = new TruncatingSink(MAX_ERROR_BODY);
      // the first hop waits for the rate limit before the exchange's clock starts; redirect
      // hops (often another host, such as a blob CDN) wait inside it
      throttle(current);
      boolean[] first = {true};
      BoundedHttpClient.Response resp;
      try {
        resp = clientFor(target).withMaxBodyBytes(maxBytes).withRequestListener(hop -> {
          if (!first[0]) {
            throttle(hop);
          }
          first[0] = false;
          requests.incrementAndGet();
        }).send(b.build(), info -> info.statusCode() >= 400
            ? errorBody : "HEAD".equals(method) ? chunk -> chunk.position(chunk.limit()) : null);
      } catch (BoundedHttpClient.Failure e) {
        if (e.reason() == BoundedHttpClient.Reason.TLS && target.insecure() && "https".equals(current.getScheme())
            && !triedPlainHttp) {
          // insecureSkipTLSVerify also allows a registry that speaks plain HTTP
          triedPlainHttp = true;
          plainHttp.put(target.ref().endpoint(), "http");
          current = URI.create("http" + current.toString().substring("https".length()));
          continue;
        }
        throw failure(target, e);
      }
      byte[] body = resp.status() >= 400 ? errorBody.bytes() : resp.body();
      if (resp.status() >= 300 && resp.status() < 400 && resp.status() != 304) {
        throw new OciException(target.ref().toString(), Reason.HTTP_STATUS, resp.status(), "registry "
            + target.ref().endpoint() + " redirected without a Location for " + target.ref(), null);
      }
      return new Response(resp.status(), resp.headers(), body, resp.uri());
    }
  }

  private static OciException failure(Target target, BoundedHttpClient.Failure e) {
    String registry = target.ref().endpoint();
    return switch (e.reason()) {
      case TLS -> new OciException(target.ref().toString(), Reason.IO, 0, "TLS failure talking to registry "
          + registry + " for " + target.ref() + ": " + e.getMessage()
          + (target.insecure() ? "" : "; set insecureSkipTLSVerify to accept an untrusted certificate"), e);
      case BODY_TOO_LARGE -> new OciException(target.ref().toString(), Reason.INVALID_CONTENT, 0, "registry "
          + registry + " sent too much for " + target.ref() + ": " + e.getMessage(), null);
      case REFUSED -> new OciException(target.ref().toString(), Reason.HTTP_STATUS, 0, "registry "
          + registry + " for " + target.ref() + ": " + e.getMessage(), null);
      default -> new OciException(target.ref().toString(), Reason.IO, 0, "could not reach registry "
          + registry + " for " + target.ref() + ": " + e.getMessage(), e);
    };
  }

  /** Keeps the first {@code limit} bytes of an error body and skips the rest (still within the body limit). */
  private static final class TruncatingSink implements BoundedHttpClient.BodySink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final long limit;

    TruncatingSink(long limit) {
      this.limit = limit;
    }

    @Override
    public void write(ByteBuffer chunk) {
      int n = (int) Math.min(chunk.remaining(), limit - bytes.size());
      if (n > 0) {
        byte[] b = new byte[n];
        chunk.get(b);
        bytes.write(b, 0, n);
      }
      chunk.position(chunk.limit());
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }

  private BoundedHttpClient clientFor(Target target) {
    if (!target.insecure()) {
      return client;
    }
    BoundedHttpClient c = insecureClient;
    if (c == null) {
      synchronized (this) {
        c = insecureClient;
        if (c == null) {
          c = bounded(TrustAllTls.client(connectTimeout));
          insecureClient = c;
        }
      }
    }
    return c;
  }

  private void throttle(URI uri) {
    String host = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().toLowerCase(Locale.ROOT);
    Duration wait = buckets.computeIfAbsent(host, h -> new TokenBucket(rateLimit, clock)).reserve();
    if (!wait.isZero()) {
      throttled.incrementAndGet();
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OciException(host, Reason.IO, 0, "interrupted while waiting for the rate limit of " + host, e);
      }
    }
  }

  /** Lower-case hex SHA-256 of {@code data}. */
  public static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(digest("SHA-256", data));
  }

  /** Whether {@code data} has {@code digest} ({@code sha256:} or {@code sha512:}); other algorithms are accepted unchecked. */
  public static boolean matchesDigest(String digest, byte[] data) {
    int colon = digest.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String alg = digest.substring(0, colon);
    String hex = digest.substring(colon + 1);
    return switch (alg) {
      case "sha256" -> HexFormat.of().formatHex(digest("SHA-256", data)).equals(hex);
      case "sha512" -> HexFormat.of().formatHex(digest("SHA-512", data)).equals(hex);
      default -> true;
    };
  }

  private static byte[] digest(String alg, byte[] data) {
    try {
      return MessageDigest.getInstance(alg).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(alg + " is not available", e);
    }
  }
}
