package dev.kargo4j.samples.quickstart;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local web endpoint the quickstart's A/B verification measures, standing in for the
 * PokeAPI of Kargo's example: {@code GET /creatures/<name>} answers
 * {@code {"name": ..., "base_experience": N}} for two creatures (bulbasaur 64, charizard 240),
 * 404 for others. Bound to 127.0.0.1 on a free port. Thread-safe; close it to stop.
 */
public final class CreatureStats implements AutoCloseable {
  /** The creatures and their base experience. */
  public static final Map<String, Integer> BASE_EXPERIENCE = Map.of("bulbasaur", 64, "charizard", 240);

  private final HttpServer server;
  private final ExecutorService executor;

  private CreatureStats(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts the endpoint. */
  public static CreatureStats start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/creatures/", exchange -> {
        String name = exchange.getRequestURI().getPath().substring("/creatures/".length());
        Integer xp = BASE_EXPERIENCE.get(name);
        byte[] body = (xp == null ? "{\"error\":\"no such creature\"}"
            : "{\"name\":\"" + name + "\",\"base_experience\":" + xp + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(xp == null ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "creature-stats");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(executor);
      server.start();
      return new CreatureStats(server, executor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local creature endpoint", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
