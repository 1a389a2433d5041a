package dev.kargo4j.steps.git.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for a git hosting service's pull-request REST API: it keeps state (pull
 * requests can be created, read back, listed, merged and closed), checks the token, and answers
 * with the paths, payloads and status codes of the published API. Requests under {@code /git/}
 * are forwarded to a real git server, so that one URL serves both git and the API as on a real
 * host. Thread-safe.
 */
public abstract class ForgeStandIn implements AutoCloseable {
  protected static final ObjectMapper JSON = new ObjectMapper();

  /** A pull request's state on the stand-in. */
  public static final class Pr {
    public long number;
    public String title;
    public String body;
    public String head;
    public String base;
    public String headSha;
    public String state = "open"; // open | closed | merged (provider-specific spelling on output)
    public String mergeCommitSha;
    public boolean mergeable = true;
    public boolean draft;
    public String mergeableState = "clean";
    public List<String> labels = new ArrayList<>();
    public Instant createdAt = Instant.now();
    public Instant mergedAt;
    public String mergeMethod;
  }

  private final HttpServer server;
  private final String token;
  private final String gitTarget;
  private final HttpClient forward = HttpClient.newHttpClient();
  protected final Map<Long, Pr> prs = new ConcurrentHashMap<>();
  protected final AtomicLong numbers = new AtomicLong();
  protected final Map<String, String> branchHeads = new ConcurrentHashMap<>();
  /** Every request seen, as "METHOD path". */
  public final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

  protected ForgeStandIn(String token, String gitServerBase) {
    this.token = token;
    this.gitTarget = gitServerBase;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    server.createContext("/", this::dispatch);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Tells the stand-in which commit {@code branch} points to (what a real host knows from git). */
  public void branchHead(String branch, String sha) {
    branchHeads.put(branch, sha);
  }

  public Pr pr(long number) {
    return prs.get(number);
  }

  /** Closes pull request {@code number} without merging, as a user would in the web UI. */
  public void close(long number) {
    prs.get(number).state = "closed";
  }

  private void dispatch(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      requests.add(ex.getRequestMethod() + " " + path);
      if (gitTarget != null && path.startsWith("/git/")) {
        forwardToGit(ex);
        return;
      }
      if (!authorized(ex)) {
        send(ex, 401, unauthorizedBody());
        return;
      }
      JsonNode body = JSON.missingNode();
      byte[] raw = ex.getRequestBody().readAllBytes();
      if (raw.length > 0) {
        body = JSON.readTree(raw);
      }
      handle(ex, ex.getRequestMethod(), path, query(ex.getRequestURI()), body);
    } catch (RuntimeException e) {
      send(ex, 500, Map.of("message", String.valueOf(e)));
    }
  }

  private void forwardToGit(HttpExchange ex) throws IOException {
    URI target = URI.create(gitTarget + ex.getRequestURI().getRawPath().substring(1)
        + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()));
    HttpRequest.Builder b = HttpRequest.newBuilder(target);
    for (String h : List.of("Authorization", "Content-Type", "Accept", "Git-Protocol", "Content-Encoding")) {
      String v = ex.getRequestHeaders().getFirst(h);
      if (v != null) {
        b.header(h, v);
      }
    }
    byte[] in;
    try (InputStream is = ex.getRequestBody()) {
      in = is.readAllBytes();
    }
    b.method(ex.getRequestMethod(), in.length == 0 ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(in));
    try {
      HttpResponse<byte[]> r = forward.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      r.headers().map().forEach((k, v) -> {
        if (!Set.of("content-length", "transfer-encoding", "connection", ":status").contains(k.toLowerCase())) {
          ex.getResponseHeaders().put(k, v);
        }
      });
      ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
      if (r.body().length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(r.body());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  protected abstract boolean authorized(HttpExchange ex, String token);

  private boolean authorized(HttpExchange ex) {
    return authorized(ex, token);
  }

  protected Object unauthorizedBody() {
    return Map.of("message", "401 Unauthorized");
  }

  protected abstract void handle(HttpExchange ex, String method, String path, Map<String, String> query,
      JsonNode body) throws IOException;

  protected static Map<String, String> query(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String kv : uri.getRawQuery().split("&")) {
        int eq = kv.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
        q.put(k, v);
      }
    }
    return q;
  }

  protected static void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    }
  }

  protected static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  protected static String newSha() {
    StringBuilder sb = new StringBuilder();
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < 40; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
