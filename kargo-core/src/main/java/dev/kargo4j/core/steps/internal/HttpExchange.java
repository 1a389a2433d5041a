package dev.kargo4j.core.steps.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.InsecureTls;
import dev.kargo4j.core.spi.TerminalStepException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP plumbing of the {@code http} and {@code http-download} steps on the JDK client:
 * Go-compatible query encoding and header names, a client variant for a proxy or for skipping
 * TLS verification, Kargo's refusal of link-local targets (cloud metadata endpoints), and an
 * exchange bounded in time and in body size. Thread-safe.
 */
public final class HttpExchange {
  private HttpExchange() {}

  /** Request headers the JDK client manages itself and refuses to take from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  /** Whether the JDK client refuses to send a header with this name. */
  public static boolean isRestricted(String name) {
    return RESTRICTED.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * {@code base}, or a client with its settings plus a proxy and/or trust in any certificate.
   * Skipping verification also skips the host name check.
   */
  public static HttpClient clientFor(HttpClient base, String proxy, boolean insecureSkipTlsVerify) {
    if (proxy == null && !insecureSkipTlsVerify) {
      return base;
    }
    HttpClient.Builder b = HttpClient.newBuilder()
        .followRedirects(base.followRedirects())
        .version(base.version());
    base.connectTimeout().ifPresent(b::connectTimeout);
    base.authenticator().ifPresent(b::authenticator);
    base.cookieHandler().ifPresent(b::cookieHandler);
    base.executor().ifPresent(b::executor);
    if (proxy != null) {
      URI p = URI.create(proxy);
      int port = p.getPort() >= 0 ? p.getPort() : ("https".equals(p.getScheme()) ? 443 : 80);
      b.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(p.getHost(), port)));
    } else {
      base.proxy().ifPresent(b::proxy);
    }
    if (insecureSkipTlsVerify) {
      b.sslContext(InsecureTls.sslContext());
    } else {
      b.sslContext(base.sslContext()).sslParameters(base.sslParameters());
    }
    return b.build();
  }


  /**
   * {@code url} with {@code params} added as Go's {@code url.Values} does: the existing query
   * is parsed, the parameters appended, and the whole query re-encoded sorted by name.
   *
   * @throws TerminalStepException when the URL is not an absolute http(s) URL
   */
  public static URI withQuery(String url, List<Map.Entry<String, String>> params) {
    URI uri;
    url = url.replace(" ", "%20"); // Go's parser tolerates spaces; the JDK's does not
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new TerminalStepException("error building HTTP request: url \"" + url + "\" is not a valid URL");
    }
    if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
        || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
      throw new TerminalStepException("error building HTTP request: url \"" + url
          + "\" must be an absolute http or https URL");
    }
    if (params.isEmpty()) {
      return uri;
    }
    Map<String, List<String>> q = new TreeMap<>();
    String raw = uri.getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        q.computeIfAbsent(unescape(k), x -> new ArrayList<>()).add(unescape(v));
      }
    }
    for (Map.Entry<String, String> p : params) {
      q.computeIfAbsent(p.getKey(), x -> new ArrayList<>()).add(p.getValue());
    }
    StringBuilder sb = new StringBuilder();
    q.forEach((k, vs) -> {
      for (String v : vs) {
        if (sb.length() > 0) {
          sb.append('&');
        }
        sb.append(queryEscape(k)).append('=').append(queryEscape(v));
      }
    });
    String s = url;
    int hash = s.indexOf('#');
    String fragment = hash >= 0 ? s.substring(hash) : "";
    s = hash >= 0 ? s.substring(0, hash) : s;
    int qm = s.indexOf('?');
    s = (qm >= 0 ? s.substring(0, qm) : s) + "?" + sb + fragment;
    return URI.create(s);
  }

  private static String unescape(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Go's {@code url.QueryEscape}. */
  static String queryEscape(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        sb.append(c);
      } else if (c == ' ') {
        sb.append('+');
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }

  /**
   * Refuses a host that resolves only to link-local addresses (169.254.0.0/16, fe80::/10), as
   * Kargo's transport does. A name that does not resolve here is left to the client.
   */
  public static void refuseLinkLocal(URI uri) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      return;
    }
    for (InetAddress a : addresses) {
      if (!a.isLinkLocalAddress()) {
        return;
      }
    }
    throw new KargoException("error sending HTTP request: connections to link-local addresses"
        + " are not permitted (host \"" + uri.getHost() + "\" resolved to link-local IPs only)");
  }

  /** Go's {@code textproto.CanonicalMIMEHeaderKey}. */
  public static String canonicalHeader(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token = c > ' ' && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
      if (!token) {
        return name;
      }
    }
    StringBuilder sb = new StringBuilder(name.length());
    boolean upper = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return sb.toString();
  }

  /** The response headers under Go's canonical names, values in order. */
  public static Map<String, List<String>> canonicalHeaders(HttpResponse<?> response) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    response.headers().map().forEach((k, vs) -> {
      if (!k.startsWith(":")) {
        out.computeIfAbsent(canonicalHeader(k), x -> new ArrayList<>()).addAll(vs);
      }
    });
    return out;
  }

  /** Where a body goes, chunk by chunk. */
  public interface Sink {
    void write(ByteBuffer chunk) throws IOException;
  }

  /** A sink that keeps the body in memory. */
  public static final class MemorySink implements Sink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void write(ByteBuffer chunk) {
      byte[] b = new byte[chunk.remaining()];
      chunk.get(b);
      bytes.write(b, 0, b.length);
    }

    public byte[] bytes() {
      return bytes.toByteArray();
    }
  }

  /** The body exceeded its limit. */
  public static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge(long limit) {
      super("response body exceeds limit of " + limit + " bytes");
    }
  }

  /** A body handler writing at most {@code limit} bytes to {@code sink}. */
  public static HttpResponse.BodyHandler<Void> limited(Sink sink, long limit) {
    return info -> new LimitedSubscriber(sink, limit);
  }

  private static final class LimitedSubscriber implements HttpResponse.BodySubscriber<Void> {
    private final Sink sink;
    private final long limit;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long total;

    LimitedSubscriber(Sink sink, long limit) {
      this.sink = sink;
      this.limit = limit;
    }

    @Override
    public CompletionStage<Void> getBody() {
      return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
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
            throw new BodyTooLarge(limit);
          }
          sink.write(b);
        }
      } catch (IOException e) {
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
      done.complete(null);
    }
  }

  /**
   * Sends {@code request} and waits for the whole exchange, body included, at most
   * {@code timeout}. Failures are retryable {@link KargoException}s that never show header
   * values; a body over its limit is a {@link BodyTooLarge} cause.
   */
  public static <T> HttpResponse<T> send(
      HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler, Duration timeout) {
    CompletableFuture<HttpResponse<T>> f = client.sendAsync(request, handler);
    try {
      return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new KargoException("error sending HTTP request: no complete response within " + timeout.toString()
          .substring(2).toLowerCase(Locale.ROOT));
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new KargoException("error sending HTTP request: interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
        if (t instanceof BodyTooLarge tooLarge) {
          throw new KargoException("error reading HTTP response: " + tooLarge.getMessage(), tooLarge);
        }
      }
      String why = cause == null ? e.getMessage()
          : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
      throw new KargoException("error sending HTTP request: " + why, cause);
    }
  }
}
