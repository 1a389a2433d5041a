package dev.kargo4j.core.discovery;

import com.sun.net.httpserver.HttpServer;
import dev.kargo4j.testpeers.OciRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A static Helm chart repository on the JDK HTTP server: {@code index.yaml} plus the chart
 * archives, with an {@code ETag}, optional basic auth. Counts index requests and 304s.
 */
final class StaticChartRepo implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private volatile String index = "apiVersion: v1\nentries: {}\n";
  private final String basic;
  final AtomicInteger indexRequests = new AtomicInteger();
  final AtomicInteger notModified = new AtomicInteger();

  StaticChartRepo(String user, String password) {
    this.basic = user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", ex -> {
      if (basic != null && !basic.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"charts\"");
        ex.sendResponseHeaders(401, -1);
        ex.close();
        return;
      }
      String path = ex.getRequestURI().getPath();
      byte[] body;
      if (path.equals("/charts/index.yaml")) {
        indexRequests.incrementAndGet();
        String etag = "\"" + Integer.toHexString(index.hashCode()) + "\"";
        ex.getResponseHeaders().add("ETag", etag);
        if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
          notModified.incrementAndGet();
          ex.sendResponseHeaders(304, -1);
          ex.close();
          return;
        }
        body = index.getBytes(StandardCharsets.UTF_8);
      } else if (path.equals("/moved/index.yaml")) {
        ex.getResponseHeaders().add("Location", "/charts/index.yaml");
        ex.sendResponseHeaders(302, -1);
        ex.close();
        return;
      } else {
        body = files.get(path.substring(path.lastIndexOf('/') + 1));
      }
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
      } else {
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
      ex.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/charts";
  }

  String movedUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/moved/";
  }

  /** Publishes {@code name} in these versions (archives and the index, as helm repo index writes it). */
  synchronized void publish(String name, List<String> versions) {
    StringBuilder sb = new StringBuilder("apiVersion: v1\nentries:\n  ").append(name).append(":\n");
    for (String v : versions) {
      String file = name + "-" + v + ".tgz";
      byte[] tgz = OciRegistry.chartArchive(name, v);
      files.put(file, tgz);
      sb.append("  - apiVersion: v2\n    name: ").append(name).append("\n    version: ").append(v)
          .append("\n    digest: ").append(OciRegistry.digest(tgz).substring(7))
          .append("\n    urls:\n    - ").append(url()).append('/').append(file).append('\n');
    }
    sb.append("  other:\n  - name: other\n    version: 9.9.9\ngenerated: \"2024-05-01T10:00:00Z\"\n");
    index = sb.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
