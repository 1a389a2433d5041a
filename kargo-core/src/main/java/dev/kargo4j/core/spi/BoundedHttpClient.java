package dev.kargo4j.core.spi;

import dev.kargo4j.KargoException;
import dev.kargo4j.expr.go.GoDuration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * The one way kargo4j talks HTTP to servers it does not control (the {@code http} steps, web
 * metrics, Argo CD and forge APIs, chart repositories, OCI registries): a JDK
 * {@link HttpClient} wrapped so that every exchange is bounded and every redirect is checked.
 *
 * <ul>
 *   <li><b>Time:</b> {@link #withTimeout} bounds the whole exchange: connecting, every redirect
 *       hop, the headers and the last byte of the body. A server that trickles its body is cut
 *       off at the deadline.
 *   <li><b>Size:</b> {@link #withMaxBodyBytes} bounds each body while it streams in; nothing
 *       beyond the limit is read.
 *   <li><b>Redirects</b> are followed here, never by the JDK client (a client that follows
 *       redirects itself is replaced by a copy that does not), at most {@link #withMaxRedirects}
 *       hops (Go's 10 by default), each hop checked: only {@code http} and {@code https}; hosts
 *       resolving to a link-local address (169.254.0.0/16, the cloud metadata endpoints, and
 *       fe80::/10, also in IPv4-mapped and IPv4-compatible IPv6 form) are refused unless
 *       {@link #withLinkLocalRefused(boolean) allowed}. Methods change as Go's client changes
 *       them (301/302/303: GET without body; 307/308 keep both).
 *   <li><b>Headers on redirect:</b> as Go's {@code makeHeadersCopier}, sensitive headers
 *       ({@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, {@code Cookie2},
 *       {@code WWW-Authenticate}, {@code Proxy-Authenticate}) are dropped from the first hop to
 *       a host that is neither the original host nor one of its subdomains, and stay dropped.
 *       Stricter than Go, every other header the caller set is dropped with them (API keys such
 *       as {@code X-Api-Key} or {@code PRIVATE-TOKEN} are credentials too), except
 *       {@code Accept}, {@code Accept-Language}, {@code User-Agent} and the body's
 *       {@code Content-Type}; and the same happens on a redirect from {@code https} to plain
 *       {@code http}, so credentials never travel in clear after the caller chose TLS.
 * </ul>
 *
 * <p>Failures are {@link Failure}s (a {@link KargoException}) whose message says what happened
 * and never contains a header value. Immutable and thread-safe; the {@code with*} methods return
 * copies.
 */
public final class BoundedHttpClient {
  /** Go's redirect limit: {@code stopped after 10 redirects}. */
  public static final int DEFAULT_MAX_REDIRECTS = 10;

  /** The default time for a whole exchange: 30 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** The default body limit: 8 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 8L << 20;

  /** Request headers that are credentials; Go's list. */
  private static final Set<String> SENSITIVE = Set.of("authorization", "proxy-authorization", "cookie", "cookie2",
      "www-authenticate", "proxy-authenticate");

  /** Request headers that say nothing about the caller and may follow a redirect anywhere. */
  private static final Set<String> HARMLESS = Set.of("accept", "accept-language", "user-agent");

  /** Headers describing a request body; dropped with the body (301/302/303), as Go does. */
  private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-encoding", "content-language",
      "content-location");

  /** Copies of callers' clients that follow no redirects, one per client, released with it. */
  private static final Map<HttpClient, HttpClient> NON_FOLLOWING = Collections.synchronizedMap(new WeakHashMap<>());

  private final HttpClient client;
  private final Duration timeout;
  private final long maxBodyBytes;
  private final int maxRedirects;
  private final boolean refuseLinkLocal;
  private final Consumer<URI> beforeEachRequest;

  private BoundedHttpClient(HttpClient client, Duration timeout, long maxBodyBytes, int maxRedirects,
      boolean refuseLinkLocal, Consumer<URI> beforeEachRequest) {
    this.client = client;
    this.timeout = timeout;
    this.maxBodyBytes = maxBodyBytes;
    this.maxRedirects = maxRedirects;
    this.refuseLinkLocal = refuseLinkLocal;
    this.beforeEachRequest = beforeEachRequest;
  }

  /**
   * A bounded client over {@code client} with the defaults: {@link #DEFAULT_TIMEOUT},
   * {@link #DEFAULT_MAX_BODY_BYTES}, {@link #DEFAULT_MAX_REDIRECTS}, link-local hosts refused.
   * {@code client}'s own redirect policy is ignored (redirects are followed here).
   */
  public static BoundedHttpClient of(HttpClient client) {
    return new BoundedHttpClient(nonFollowing(Objects.requireNonNull(client, "client")), DEFAULT_TIMEOUT,
        DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_REDIRECTS, true, uri -> {});
  }

  /** This client with the whole exchange (all hops, all bytes) bounded by {@code timeout} (positive). */
  public BoundedHttpClient withTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    return new BoundedHttpClient(client, timeout, maxBodyBytes, maxRedirects, refuseLinkLocal, beforeEachRequest);
  }

  /** This client with each response body limited to {@code maxBodyBytes} (at least 0). */
  public BoundedHttpClient withMaxBodyBytes(long maxBodyBytes) {
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes must not be negative, got " + maxBodyBytes);
    }
    return new BoundedHttpClient(client, timeout, maxBodyBytes, maxRedirects, refuseLinkLocal, beforeEachRequest);
  }

  /**
   * This client following at most {@code maxRedirects} redirects; 0 follows none and returns
   * the redirect response to the caller (for APIs whose token must never leave the server).
   */
  public BoundedHttpClient withMaxRedirects(int maxRedirects) {
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must not be negative, got " + maxRedirects);
    }
    return new BoundedHttpClient(client, timeout, maxBodyBytes, maxRedirects, refuseLinkLocal, beforeEachRequest);
  }

  /**
   * This client refusing (true, the default) or allowing hosts that resolve to link-local
   * addresses. Allow them only when a proxy, not this JVM, connects to the host.
   */
  public BoundedHttpClient withLinkLocalRefused(boolean refuse) {
    return new BoundedHttpClient(client, timeout, maxBodyBytes, maxRedirects, refuse, beforeEachRequest);
  }

  /** This client calling {@code listener} with the URI of every request it is about to send (for counting, rate limits). */
  public BoundedHttpClient withRequestListener(Consumer<URI> listener) {
    return new BoundedHttpClient(client, timeout, maxBodyBytes, maxRedirects, refuseLinkLocal,
        Objects.requireNonNull(listener, "listener"));
  }

  /** The bound of a whole exchange. */
  public Duration timeout() {
    return timeout;
  }

  /** The body limit. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * A response.
   *
   * @param status the status of the last hop
   * @param uri the URI of the last hop (after redirects)
   * @param headers the response headers of the last hop
   * @param body the body read into memory; empty when it went to a {@link BodySink}, for
   *     {@code HEAD}, or when no sink took it. Do not modify.
   */
  public record Response(int status, URI uri, HttpHeaders headers, byte[] body) {
    public Response {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(body, "body");
    }

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** Whether the status is 2xx. */
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
      return "Response[" + status + " " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()
          + ", " + body.length + " bytes]";
    }
  }

  /** Where a body goes while it streams in, chunk by chunk; called from one thread at a time. */
  @FunctionalInterface
  public interface BodySink {
    /** Takes {@code chunk}; an exception aborts the exchange with it as the cause. */
    void write(ByteBuffer chunk) throws IOException;
  }

  /** Why an exchange failed. */
  public enum Reason {
    /** The whole exchange did not finish within the timeout. */
    TIMEOUT,
    /** A body exceeded the limit. */
    BODY_TOO_LARGE,
    /** A redirect, or the first URL, was refused (scheme, link-local host, too many hops, bad Location). */
    REFUSED,
    /** The TLS handshake failed (untrusted certificate, not a TLS server, ...). */
    TLS,
    /** Connecting, sending or receiving failed. */
    IO,
    /** The calling thread was interrupted. */
    INTERRUPTED
  }

  /** An exchange that failed; the message never contains a header value. */
  public static final class Failure extends KargoException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    Failure(Reason reason, String message, Throwable cause) {
      super(message, cause);
      this.reason = reason;
    }

    /** Why. */
    public Reason reason() {
      return reason;
    }
  }

  /** {@link #send(HttpRequest, Function)} keeping every body in memory. */
  public Response send(HttpRequest request) {
    return send(request, info -> null);
  }

  /**
   * Sends {@code request}, follows redirects as this class describes, and returns the final
   * response. Its body goes to the sink {@code sinks} picks for it (from status and headers);
   * when that is null the body is kept in memory. Either way at most the body limit is read.
   * The request's own timeout is ignored in favour of this client's.
   *
   * @throws Failure when the exchange fails, times out, exceeds a bound or is refused
   */
  public Response send(HttpRequest request, Function<HttpResponse.ResponseInfo, BodySink> sinks) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(sinks, "sinks");
    long deadline = deadline(timeout);
    URI first = request.uri();
    URI current = first;
    String method = request.method();
    boolean keepBody = true;
    boolean stripped = false;
    for (int hop = 0; ; hop++) {
      checkTarget(current, hop);
      HttpRequest hopRequest = hopRequest(request, current, method, keepBody, stripped, deadline);
      beforeEachRequest.accept(current);
      boolean followable = maxRedirects > 0;
      Exchange exchange = new Exchange();
      CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(hopRequest, info -> {
        if (followable && isFollowedRedirect(info)) {
          return exchange.track(new BoundedSubscriber(null, 0, true));
        }
        BodySink sink = sinks.apply(info);
        return exchange.track(new BoundedSubscriber(sink, maxBodyBytes, false));
      });
      HttpResponse<byte[]> r = await(f, exchange, deadline, current);
      if (!(followable && isFollowedRedirect(r))) {
        return new Response(r.statusCode(), current, r.headers(), r.body() == null ? new byte[0] : r.body());
      }
      if (hop >= maxRedirects) {
        throw new Failure(Reason.REFUSED, "error sending HTTP request to " + where(first) + ": stopped after "
            + maxRedirects + " redirects", null);
      }
      URI next;
      try {
        next = current.resolve(r.headers().firstValue("Location").orElseThrow().replace(" ", "%20"));
      } catch (IllegalArgumentException e) {
        throw new Failure(Reason.REFUSED, "error sending HTTP request to " + where(first)
            + ": the server redirected to a Location that is not a valid URL", null);
      }
      int status = r.statusCode();
      if (status == 301 || status == 302 || status == 303) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
          method = "GET";
        }
        keepBody = false;
      }
      if (!stripped && (!isDomainOrSubdomain(host(next), host(first))
          || ("https".equalsIgnoreCase(current.getScheme()) && "http".equalsIgnoreCase(next.getScheme())))) {
        stripped = true;
      }
      current = next;
    }
  }

  private void checkTarget(URI uri, int hop) {
    String what = hop == 0 ? "" : " (redirect " + hop + ")";
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new Failure(Reason.REFUSED, "error sending HTTP request" + what + ": \"" + redactedUri(uri)
          + "\" is not an absolute http or https URL", null);
    }
    if (refuseLinkLocal) {
      refuseLinkLocal(uri, what);
    }
  }

  /**
   * Refuses a host that resolves to any link-local address (cloud metadata endpoints). A name
   * that does not resolve here is left to the client, which will fail to connect. The JDK
   * resolves again when it connects, so a name whose answers change between the two lookups
   * (DNS rebinding) is not caught; the host's network policy is the real guard.
   */
  private static void refuseLinkLocal(URI uri, String what) {
    String host = uri.getHost();
    if (host == null) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return;
    }
    for (InetAddress a : addresses) {
      if (isLinkLocal(a)) {
        throw new Failure(Reason.REFUSED, "error sending HTTP request" + what
            + ": connections to link-local addresses are not permitted (host \"" + host + "\" resolved to "
            + a.getHostAddress() + ")", null);
      }
    }
  }

  /**
   * Whether {@code a} is link-local: 169.254.0.0/16, fe80::/10, or an IPv6 address that embeds
   * a link-local IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
   * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}).
   */
  public static boolean isLinkLocal(InetAddress a) {
    if (a.isLinkLocalAddress()) {
      return true;
    }
    if (a instanceof Inet6Address six) {
      byte[] b = six.getAddress();
      boolean zeros = true;
      for (int i = 0; i < 10; i++) {
        zeros &= b[i] == 0;
      }
      boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
      boolean compatible = zeros && b[10] == 0 && b[11] == 0;
      boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
          && (b[3] & 0xff) == 0x9b;
      for (int i = 4; nat64 && i < 12; i++) {
        nat64 = b[i] == 0;
      }
      if (mapped || compatible || nat64) {
        return (b[12] & 0xff) == 169 && (b[13] & 0xff) == 254;
      }
    }
    return false;
  }

  private HttpRequest hopRequest(HttpRequest original, URI uri, String method, boolean keepBody, boolean stripped,
      long deadline) {
    HttpRequest.Builder b = HttpRequest.newBuilder(original, (name, value) -> {
      String n = name.toLowerCase(Locale.ROOT);
      if (!keepBody && BODY_HEADERS.contains(n)) {
        return false;
      }
      if (stripped) {
        return HARMLESS.contains(n) || (keepBody && n.equals("content-type"));
      }
      return true;
    });
    b.uri(uri);
    if (keepBody) {
      b.method(method, original.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    // the JDK's own timeout covers the headers only; it is set too so the connection is
    // abandoned early, while the deadline below covers the body
    Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    b.timeout(left);
    return b.build();
  }

  private static boolean isFollowedRedirect(HttpResponse.ResponseInfo info) {
    return isRedirectStatus(info.statusCode()) && info.headers().firstValue("Location").isPresent();
  }

  private static boolean isFollowedRedirect(HttpResponse<?> r) {
    return isRedirectStatus(r.statusCode()) && r.headers().firstValue("Location").isPresent();
  }

  private static boolean isRedirectStatus(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> f, Exchange exchange,
      long deadline, URI uri) {
    try {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException();
      }
      return f.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      exchange.cancel();
      throw new Failure(Reason.TIMEOUT, "error sending HTTP request to " + where(uri)
          + ": no complete response within " + GoDuration.format(timeout), null);
    } catch (InterruptedException e) {
      f.cancel(true);
      exchange.cancel();
      Thread.currentThread().interrupt();
      throw new Failure(Reason.INTERRUPTED, "error sending HTTP request to " + where(uri) + ": interrupted", e);
    } catch (CancellationException e) {
      throw new Failure(Reason.INTERRUPTED, "error sending HTTP request to " + where(uri) + ": cancelled", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof BodyTooLarge) {
          throw new Failure(Reason.BODY_TOO_LARGE, "error reading HTTP response from " + where(uri)
              + ": response body exceeds limit of " + maxBodyBytes + " bytes", null);
        }
        if (t instanceof SSLException) {
          throw new Failure(Reason.TLS, "error sending HTTP request to " + where(uri) + ": TLS failure: "
              + t.getClass().getSimpleName() + ": " + t.getMessage(), t);
        }
        if (t instanceof java.net.http.HttpTimeoutException) {
          throw new Failure(Reason.TIMEOUT, "error sending HTTP request to " + where(uri)
              + ": no complete response within " + GoDuration.format(timeout), null);
        }
      }
      String why = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
      throw new Failure(Reason.IO, "error sending HTTP request to " + where(uri) + ": " + why, cause);
    }
  }

  /** Scheme, authority and path of {@code uri}, without user info or query (which may hold secrets). */
  private static String where(URI uri) {
    return "\"" + redactedUri(uri) + "\"";
  }

  private static String redactedUri(URI uri) {
    if (uri.getScheme() == null || uri.getHost() == null) {
      return uri.getScheme() == null ? "(relative URL)" : uri.getScheme() + ":...";
    }
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  private static long deadline(Duration timeout) {
    long now = System.nanoTime();
    long nanos;
    try {
      nanos = timeout.toNanos();
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE / 2;
    }
    nanos = Math.min(nanos, Long.MAX_VALUE / 2);
    return now + nanos;
  }

  /** The host of {@code uri} as Go's {@code url.Hostname()} gives it: lower-case, brackets removed. */
  private static String host(URI uri) {
    String h = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  /** Go's {@code isDomainOrSubdomain}. */
  static boolean isDomainOrSubdomain(String sub, String parent) {
    if (sub.equals(parent)) {
      return true;
    }
    if (sub.contains(":") || sub.contains("%")) {
      return false; // an IPv6 address, never a subdomain
    }
    if (parent.isEmpty() || parent.matches("[0-9.]+")) {
      return false; // nor is anything a subdomain of an IPv4 address
    }
    return sub.endsWith("." + parent);
  }

  /** {@code client}, or a copy of its settings that follows no redirects. */
  private static HttpClient nonFollowing(HttpClient client) {
    if (client.followRedirects() == HttpClient.Redirect.NEVER) {
      return client;
    }
    return NON_FOLLOWING.computeIfAbsent(client, c -> copy(c, null).build());
  }

  /**
   * A builder with {@code base}'s settings (connect timeout, proxy, TLS, authenticator, cookie
   * handler, executor, version) that follows no redirects; with {@code sslContext} instead of
   * {@code base}'s when not null.
   */
  public static HttpClient.Builder copy(HttpClient base, javax.net.ssl.SSLContext sslContext) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(base.version());
    base.connectTimeout().ifPresent(b::connectTimeout);
    base.authenticator().ifPresent(b::authenticator);
    base.cookieHandler().ifPresent(b::cookieHandler);
    base.executor().ifPresent(b::executor);
    base.proxy().ifPresent(b::proxy);
    if (sslContext != null) {
      b.sslContext(sslContext);
    } else {
      b.sslContext(base.sslContext()).sslParameters(base.sslParameters());
    }
    return b;
  }

  /** The body exceeded the limit. */
  private static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** The subscribers of one hop, so that a timeout can stop reading. */
  private static final class Exchange {
    private volatile BoundedSubscriber subscriber;

    BoundedSubscriber track(BoundedSubscriber s) {
      subscriber = s;
      return s;
    }

    void cancel() {
      BoundedSubscriber s = subscriber;
      if (s != null) {
        s.cancel();
      }
    }
  }

  /** Reads a body into a sink or memory, at most {@code limit} bytes; or skips it. */
  private static final class BoundedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final BodySink sink;
    private final long limit;
    private final boolean skip;
    private final ByteArrayOutputStream memory;
    private final CompletableFuture<byte[]> done = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private long total;

    BoundedSubscriber(BodySink sink, long limit, boolean skip) {
      this.sink = sink;
      this.limit = limit;
      this.skip = skip;
      this.memory = sink == null && !skip ? new ByteArrayOutputStream() : null;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (skip) {
        // a redirect's body is of no interest: stop reading it at once
        s.cancel();
        done.complete(new byte[0]);
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (done.isDone()) {
        return;
      }
      try {
        for (ByteBuffer b : items) {
          total += b.remaining();
          if (total > limit) {
            throw new BodyTooLarge();
          }
          if (sink != null) {
            sink.write(b);
          } else {
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            memory.write(chunk, 0, chunk.length);
          }
        }
      } catch (IOException | RuntimeException e) {
        subscription.cancel();
        done.completeExceptionally(e);
      }
    }

    @Override
    public void onError(Throwable t) {
      done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      done.complete(memory == null ? new byte[0] : memory.toByteArray());
    }

    void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      done.completeExceptionally(new CancellationException("timed out"));
    }
  }
}
