package dev.kargo4j.core.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process registry that speaks Docker Hub's token protocol (bearer challenges, a token
 * realm, anonymous and credentialed tokens), paginates tags and redirects blobs to another
 * host, for the parts of the client a distribution registry cannot show. Records requests.
 */
final class FakeRegistry implements AutoCloseable {
  final HttpServer server;
  final HttpServer blobHost;
  final List<String> log = new CopyOnWriteArrayList<>();
  final List<String> blobHostAuthorizations = new CopyOnWriteArrayList<>();
  final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  final List<String> tags = new ArrayList<>();
  volatile String user = "ci";
  volatile String password = "s3cret";
  volatile int expiresIn = 300;

  FakeRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    blobHost = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    blobHost.createContext("/", ex -> {
      blobHostAuthorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      String digest = ex.getRequestURI().getPath().substring("/blob/".length());
      respond(ex, 200, blobs.get(digest), Map.of());
    });
    server.start();
    blobHost.start();
  }

  String host() {
    return "localhost:" + server.getAddress().getPort();
  }

  static String digest(byte[] b) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds a single-platform image for {@code tag} in repository private/app; returns its digest. */
  String addImage(String tag, String created) {
    byte[] cfg = ("{\"created\":\"" + created + "\",\"os\":\"linux\",\"architecture\":\"amd64\"}").getBytes(StandardCharsets.UTF_8);
    String cfgDigest = digest(cfg);
    blobs.put(cfgDigest, cfg);
    byte[] m = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{"
        + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + cfgDigest + "\",\"size\":"
        + cfg.length + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    String d = digest(m);
    manifests.put(tag, m);
    manifests.put(d, m);
    tags.add(tag);
    return d;
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String query = ex.getRequestURI().getRawQuery();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    log.add(ex.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
    if (path.equals("/token")) {
      if (query == null || !query.contains("service=fake") || !query.contains("scope=repository%3A")) {
        respond(ex, 400, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        return;
      }
      if (auth == null) {
        respond(ex, 200, ("{\"token\":\"anon-token\",\"expires_in\":" + expiresIn + "}").getBytes(StandardCharsets.UTF_8), Map.of());
        return;
      }
      String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (!auth.equals(expected)) {
        respond(ex, 401, "{\"details\":\"incorrect username or password\"}".getBytes(StandardCharsets.UTF_8), Map.of());
        return;
      }
      respond(ex, 200, ("{\"access_token\":\"good-token\",\"expires_in\":" + expiresIn + "}").getBytes(StandardCharsets.UTF_8), Map.of());
      return;
    }
    String repo = path.startsWith("/v2/private/") ? "private/app" : "public/app";
    boolean ok = "Bearer good-token".equals(auth) || ("Bearer anon-token".equals(auth) && repo.equals("public/app"));
    if (!ok) {
      String challenge = "Bearer realm=\"http://" + host() + "/token\",service=\"fake\",scope=\"repository:" + repo + ":pull\""
          + ("Bearer anon-token".equals(auth) ? ",error=\"insufficient_scope\"" : "");
      respond(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
          .getBytes(StandardCharsets.UTF_8), Map.of("WWW-Authenticate", challenge));
      return;
    }
    String prefix = "/v2/" + repo;
    if (path.equals(prefix + "/tags/list")) {
      int n = 2;
      int start = 0;
      if (query != null && query.contains("last=")) {
        String last = query.replaceAll(".*last=([^&]*).*", "$1");
        start = tags.indexOf(last) + 1;
      }
      List<String> page = tags.subList(start, Math.min(tags.size(), start + n));
      StringBuilder body = new StringBuilder("{\"name\":\"" + repo + "\",\"tags\":[");
      for (int i = 0; i < page.size(); i++) {
        body.append(i == 0 ? "" : ",").append('"').append(page.get(i)).append('"');
      }
      body.append("]}");
      Map<String, String> headers = start + n < tags.size()
          ? Map.of("Link", "<" + prefix + "/tags/list?last=" + page.get(page.size() - 1) + "&n=" + n + ">; rel=\"next\"")
          : Map.of();
      respond(ex, 200, body.toString().getBytes(StandardCharsets.UTF_8), headers);
    } else if (path.startsWith(prefix + "/manifests/")) {
      byte[] m = manifests.get(path.substring((prefix + "/manifests/").length()));
      if (m == null) {
        respond(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"
            .getBytes(StandardCharsets.UTF_8), Map.of());
        return;
      }
      respond(ex, 200, ex.getRequestMethod().equals("HEAD") ? null : m, Map.of("Docker-Content-Digest", digest(m),
          "Content-Type", "application/vnd.oci.image.manifest.v1+json"));
    } else if (path.startsWith(prefix + "/blobs/")) {
      String d = path.substring((prefix + "/blobs/").length());
      respond(ex, 307, null, Map.of("Location", "http://127.0.0.1:" + blobHost.getAddress().getPort() + "/blob/" + d));
    } else {
      respond(ex, 404, null, Map.of());
    }
  }

  private static void respond(HttpExchange ex, int status, byte[] body, Map<String, String> headers) throws IOException {
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    if (body == null) {
      ex.sendResponseHeaders(status, -1);
    } else {
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
    blobHost.stop(0);
  }
}
