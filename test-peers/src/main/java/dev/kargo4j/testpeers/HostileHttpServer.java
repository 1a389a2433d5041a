package dev.kargo4j.testpeers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server that behaves like an attacker's: it redirects to other hosts (127.0.0.2
 * reaches the same server, since it listens on every local address), trickles bodies one byte
 * a second, floods bodies without end, and records every request with the address it was sent
 * to, so a test can tell whether a credential reached the "other host".
 *
 * <p>Thread-safe. Close it to stop.
 */
public final class HostileHttpServer implements AutoCloseable {
  /** One request as it arrived: the local address it was sent to, method, path and query, headers. */
  public record Hit(String host, String method, String uri, Map<String, List<String>> headers) {
    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "hostile-http");
    t.setDaemon(true);
    return t;
  });
  private final ConcurrentLinkedQueue<Hit> hits = new ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
  private final String scheme;

  private HostileHttpServer(SSLContext tls) {
    try {
      // the wildcard address, so that 127.0.0.2 (the "other host") reaches this server too
      InetSocketAddress any = new InetSocketAddress(0);
      if (tls == null) {
        server = HttpServer.create(any, 0);
        scheme = "http";
      } else {
        HttpsServer s = HttpsServer.create(any, 0);
        s.setHttpsConfigurator(new HttpsConfigurator(tls));
        server = s;
        scheme = "https";
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.start();
  }

  /** A plain HTTP server on a free port of every local address. */
  public static HostileHttpServer start() {
    return new HostileHttpServer(null);
  }

  /** An HTTPS server presenting the key and certificate of {@code tls}. */
  public static HostileHttpServer startTls(SSLContext tls) {
    return new HostileHttpServer(tls);
  }

  /** The port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code scheme://host:port path}, e.g. {@code url("127.0.0.2", "/x")}. */
  public String url(String host, String path) {
    return scheme + "://" + host + ":" + port() + path;
  }

  /** {@code url("127.0.0.1", path)}. */
  public String url(String path) {
    return url("127.0.0.1", path);
  }

  /** Every request so far, in arrival order. */
  public List<Hit> hits() {
    return List.copyOf(hits);
  }

  /** The requests that arrived for {@code path} (without query). */
  public List<Hit> hits(String path) {
    return hits.stream().filter(h -> h.uri().equals(path) || h.uri().startsWith(path + "?")).toList();
  }

  /** Answers {@code path} with {@code handler} (and records the request first). */
  public HostileHttpServer on(String path, HttpHandler handler) {
    server.createContext(path, ex -> {
      hits.add(new Hit(ex.getLocalAddress().getAddress().getHostAddress(), ex.getRequestMethod(),
          ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders())));
      try (ex) {
        ex.getRequestBody().readAllBytes();
        handler.handle(ex);
      } catch (IOException e) {
        // the client went away, as it should from a hostile server
      }
    });
    return this;
  }

  /** Answers {@code path} with {@code status} and a {@code Location} computed from the request. */
  public HostileHttpServer redirect(String path, int status, Function<HttpExchange, String> location) {
    return on(path, ex -> {
      ex.getResponseHeaders().add("Location", location.apply(ex));
      ex.sendResponseHeaders(status, -1);
    });
  }

  /** Answers {@code path} with {@code status} and {@code body}. */
  public HostileHttpServer answer(String path, int status, String contentType, String body) {
    return answer(path, status, Map.of("Content-Type", contentType), body);
  }

  /** Answers {@code path} with {@code status}, {@code headers} and {@code body}. */
  public HostileHttpServer answer(String path, int status, Map<String, String> headers, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return on(path, ex -> {
      headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      ex.getResponseBody().write(bytes);
    });
  }

  /**
   * Answers {@code path} with {@code status} at once, then sends {@code prefix} and after it one
   * byte ({@code filler}) every {@code every}, for {@code forAtMost} or until the client leaves.
   */
  public HostileHttpServer trickle(String path, int status, String contentType, String prefix, char filler,
      Duration every, Duration forAtMost) {
    return on(path, ex -> {
      ex.getResponseHeaders().add("Content-Type", contentType);
      ex.sendResponseHeaders(status, 0);
      OutputStream out = ex.getResponseBody();
      out.write(prefix.getBytes(StandardCharsets.UTF_8));
      out.flush();
      long end = System.nanoTime() + forAtMost.toNanos();
      while (System.nanoTime() < end) {
        try {
          Thread.sleep(every.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        out.write(filler);
        out.flush();
      }
    });
  }

  /**
   * Answers {@code path} with {@code status}, then {@code prefix} followed by {@code filler}
   * bytes as fast as the client takes them, {@code total} bytes in all (chunked: no length).
   */
  public HostileHttpServer flood(String path, int status, String contentType, String prefix, char filler, long total) {
    return flood(path, status, Map.of("Content-Type", contentType), prefix, filler, total);
  }

  /** {@link #flood(String, int, String, String, char, long)} with any response headers. */
  public HostileHttpServer flood(String path, int status, Map<String, String> headers, String prefix, char filler,
      long total) {
    return on(path, ex -> {
      headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(status, 0);
      OutputStream out = ex.getResponseBody();
      byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
      out.write(p);
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) filler);
      long left = total - p.length;
      while (left > 0) {
        int n = (int) Math.min(chunk.length, left);
        out.write(chunk, 0, n);
        sent.addAndGet(n);
        left -= n;
      }
    });
  }

  /** Body bytes the flood handlers managed to hand to the network so far (the client took them or they are buffered). */
  public long floodedBytes() {
    return sent.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
