package dev.kargo4j.core.steps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A real HTTP server on a free loopback port that records requests and serves canned answers. */
final class TestHttpServer implements AutoCloseable {
  record Recorded(String method, String uri, Map<String, List<String>> headers, String body) {}

  record Answer(int status, Map<String, String> headers, byte[] body, CountDownLatch hold) {
    static Answer of(int status, String contentType, String body) {
      return new Answer(status, contentType == null ? Map.of() : Map.of("Content-Type", contentType),
          body.getBytes(StandardCharsets.UTF_8), null);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  final ConcurrentLinkedQueue<Recorded> requests = new ConcurrentLinkedQueue<>();
  private final Map<String, Answer> answers = new java.util.concurrent.ConcurrentHashMap<>();

  TestHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  TestHttpServer answer(String path, Answer answer) {
    answers.put(path, answer);
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new Recorded(ex.getRequestMethod(), ex.getRequestURI().toString(),
          Map.copyOf(ex.getRequestHeaders()), body));
      Answer a = answers.getOrDefault(ex.getRequestURI().getPath(), Answer.of(404, "text/plain", "not found"));
      if (a.hold() != null) {
        try {
          a.hold().await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      boolean noBody = ex.getRequestMethod().equals("HEAD") || a.body().length == 0;
      ex.sendResponseHeaders(a.status(), noBody ? -1 : a.body().length);
      if (!noBody) {
        ex.getResponseBody().write(a.body());
      }
    } catch (IOException e) {
      // the client went away (e.g. after a timeout)
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
