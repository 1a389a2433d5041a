package dev.kargo4j.steps.argocd;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.kargo4j.steps.argocd.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * <b>A stand-in for the Argo CD API server</b>, for tests only: no Argo CD server can be run
 * here, so this in-JVM server (JDK {@code com.sun.net.httpserver} on 127.0.0.1, an ephemeral
 * port) follows the published REST API of Argo CD's {@code server/application/application.proto}
 * and the behaviour of {@code server/application/application.go}:
 * <ul>
 *   <li>{@code GET /api/v1/applications?selector=&appNamespace=}: Applications the token may
 *       read, matching the label selector, sorted by name;</li>
 *   <li>{@code GET /api/v1/applications/{name}?appNamespace=&project=&refresh=}: 403
 *       "permission denied" for an unknown Application unless a project is named (then 404),
 *       as Argo CD does to not reveal what exists; {@code refresh=hard} sets the refresh
 *       annotation and answers at once (the real server waits until the refresh is done);</li>
 *   <li>{@code PATCH /api/v1/applications/{name}} with {@code {name, patch, patchType}}: the
 *       merge patch is applied to the whole Application, then only spec, labels, annotations and
 *       finalizers are kept, as {@code updateApp} does; other patch types get 400;</li>
 *   <li>{@code POST /api/v1/applications/{name}/sync}: sets {@code operation} (initiator = the
 *       token's subject, {@code infos}, sync options and retry from the request or the
 *       Application's sync policy), clears {@code status.operationState}; 400
 *       "another operation is already in progress" when one is set;</li>
 *   <li>401 without a token or with a wrong one; 403 when the token's role lacks the action.</li>
 * </ul>
 * Errors are gRPC-gateway bodies {@code {"error","code","message"}}. Operation, sync and health
 * transitions are driven by the test through {@link #update} and {@link ArgoCdControllerSim}.
 * Thread-safe.
 */
final class ArgoCdApiStandIn implements AutoCloseable {

  /** A token's subject and what it may do: get, update, sync. */
  record Role(String subject, Set<String> actions) {}

  private final HttpServer server;
  private final Clock clock;
  private final Map<String, Role> tokens = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> apps = new TreeMap<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private long resourceVersion = 1000;

  private ArgoCdApiStandIn(HttpServer server, Clock clock) {
    this.server = server;
    this.clock = clock;
    server.createContext("/", this::handle);
    server.start();
  }

  /** A plain-HTTP stand-in. */
  static ArgoCdApiStandIn start(Clock clock) {
    try {
      return new ArgoCdApiStandIn(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
          clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTPS stand-in serving the key in {@code tls}. */
  static ArgoCdApiStandIn startTls(Clock clock, SSLContext tls) {
    try {
      HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      s.setHttpsConfigurator(new HttpsConfigurator(tls));
      return new ArgoCdApiStandIn(s, clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code host:port}, as ARGOCD_SERVER writes it. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  ArgoCdApiStandIn token(String token, String subject, String... actions) {
    synchronized (this) {
      tokens.put(token, new Role(subject, Set.of(actions)));
    }
    return this;
  }

  /** Stores (or replaces) an Application. */
  synchronized void put(Map<String, Object> app) {
    Map<String, Object> copy = Json.mutableCopy(app);
    ArgoCdControllerSim.child(copy, "metadata").put("resourceVersion", String.valueOf(++resourceVersion));
    apps.put(key(Json.str(copy, "metadata", "namespace"), Json.str(copy, "metadata", "name")), copy);
  }

  /** A copy of the stored Application. */
  synchronized Map<String, Object> app(String namespace, String name) {
    Map<String, Object> a = apps.get(key(namespace, name));
    return a == null ? null : Json.mutableCopy(a);
  }

  /** Changes a stored Application in place, as Argo CD's controller would. */
  synchronized void update(String namespace, String name, Consumer<Map<String, Object>> change) {
    Map<String, Object> a = apps.get(key(namespace, name));
    change.accept(a);
    ArgoCdControllerSim.child(a, "metadata").put("resourceVersion", String.valueOf(++resourceVersion));
  }

  /** Every request so far as {@code METHOD /path?query -> status}. */
  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The requests whose line starts with {@code prefix}, e.g. {@code POST}. */
  long count(String prefix) {
    return requests().stream().filter(r -> r.startsWith(prefix)).count();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static String key(String ns, String name) {
    return ns + "/" + name;
  }

  private void handle(HttpExchange ex) throws IOException {
    int status;
    String body;
    try {
      Object[] r = route(ex);
      status = (Integer) r[0];
      body = (String) r[1];
    } catch (RuntimeException e) {
      status = 500;
      body = error(13, "stand-in failure: " + e);
    }
    URI uri = ex.getRequestURI();
    requests.add(ex.getRequestMethod() + " " + uri.getRawPath()
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " -> " + status);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  private static String error(int grpcCode, String message) {
    return Json.write(Map.of("error", message, "code", grpcCode, "message", message));
  }

  private static Object[] reply(int status, String body) {
    return new Object[] {status, body};
  }

  private Object[] route(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ")) {
      return reply(401, error(16, "no session information"));
    }
    Role role;
    synchronized (this) {
      role = tokens.get(auth.substring("Bearer ".length()));
    }
    if (role == null) {
      return reply(401, error(16, "invalid session: token signature is invalid"));
    }
    String path = ex.getRequestURI().getRawPath();
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    String method = ex.getRequestMethod();
    String reqBody = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (path.equals("/api/v1/applications") && method.equals("GET")) {
      return list(role, q);
    }
    if (path.startsWith("/api/v1/applications/")) {
      String rest = path.substring("/api/v1/applications/".length());
      String[] parts = rest.split("/");
      String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      if (parts.length == 1 && method.equals("GET")) {
        return get(role, name, q);
      }
      Map<String, Object> req = reqBody.isBlank() ? Map.of() : Json.parseObject(reqBody);
      if (parts.length == 1 && method.equals("PATCH")) {
        return patch(role, name, req);
      }
      if (parts.length == 2 && parts[1].equals("sync") && method.equals("POST")) {
        return sync(role, name, req);
      }
    }
    return reply(404, error(5, "Not Found"));
  }

  private synchronized Object[] list(Role role, Map<String, String> q) {
    Predicate<Map<String, String>> selector = LabelSelectorQuery.parse(q.getOrDefault("selector", ""));
    String ns = q.get("appNamespace");
    List<Object> items = new ArrayList<>();
    for (Map<String, Object> a : apps.values()) {
      if (ns != null && !ns.isEmpty() && !ns.equals(Json.str(a, "metadata", "namespace"))) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      Json.map(a, "metadata", "labels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
      if (selector.test(labels) && role.actions().contains("get")) {
        items.add(a);
      }
    }
    return reply(200, Json.write(Map.of("metadata", Map.of("resourceVersion", String.valueOf(resourceVersion)),
        "items", items)));
  }

  /** The app, or a reply refusing access the way Argo CD does. */
  private Object lookup(Role role, String name, String namespace, String project, String action) {
    Map<String, Object> a = apps.get(key(namespace == null || namespace.isEmpty() ? "argocd" : namespace, name));
    if (a == null) {
      if (project != null && !project.isEmpty()) {
        return reply(404, error(5, "applications.argoproj.io \"" + name + "\" not found"));
      }
      return reply(403, error(7, "permission denied"));
    }
    if (!role.actions().contains("get")) {
      return reply(403, error(7, "permission denied"));
    }
    if (!role.actions().contains(action)) {
      return reply(403, error(7, "permission denied: applications, " + action + ", "
          + Json.str(a, "spec", "project") + "/" + name + ", sub: " + role.subject()));
    }
    return a;
  }

  @SuppressWarnings("unchecked")
  private synchronized Object[] get(Role role, String name, Map<String, String> q) {
    Object found = lookup(role, name, q.get("appNamespace"), q.get("project"), "get");
    if (found instanceof Object[] refusal) {
      return refusal;
    }
    Map<String, Object> a = (Map<String, Object>) found;
    if ("hard".equals(q.get("refresh")) || "normal".equals(q.get("refresh"))) {
      ArgoCdControllerSim.child(ArgoCdControllerSim.child(a, "metadata"), "annotations")
          .put("argocd.argoproj.io/refresh", q.get("refresh"));
      ArgoCdControllerSim.child(a, "metadata").put("resourceVersion", String.valueOf(++resourceVersion));
    }
    return reply(200, Json.write(a));
  }

  @SuppressWarnings("unchecked")
  private synchronized Object[] patch(Role role, String name, Map<String, Object> req) throws IOException {
    Object found = lookup(role, name, (String) req.get("appNamespace"), (String) req.get("project"), "update");
    if (found instanceof Object[] refusal) {
      return refusal;
    }
    Map<String, Object> a = (Map<String, Object>) found;
    String type = req.get("patchType") == null ? "" : (String) req.get("patchType");
    if (!type.equals("merge")) {
      return reply(400, error(3, "Patch type '" + type + "' is not supported by this stand-in; use merge"));
    }
    Map<String, Object> patch = Json.parseObject((String) req.get("patch"));
    Map<String, Object> patched = (Map<String, Object>) JsonMergePatch.apply(Json.mutableCopy(a), patch);
    a.put("spec", patched.get("spec"));
    Map<String, Object> meta = ArgoCdControllerSim.child(a, "metadata");
    Map<String, Object> newMeta = Json.map(patched, "metadata");
    for (String field : List.of("labels", "annotations", "finalizers")) {
      if (newMeta.get(field) == null) {
        meta.remove(field);
      } else {
        meta.put(field, newMeta.get(field));
      }
    }
    meta.put("resourceVersion", String.valueOf(++resourceVersion));
    return reply(200, Json.write(a));
  }

  @SuppressWarnings("unchecked")
  private synchronized Object[] sync(Role role, String name, Map<String, Object> req) {
    Object found = lookup(role, name, (String) req.get("appNamespace"), (String) req.get("project"), "sync");
    if (found instanceof Object[] refusal) {
      return refusal;
    }
    Map<String, Object> a = (Map<String, Object>) found;
    if (a.get("operation") != null) {
      return reply(400, error(9, "another operation is already in progress"));
    }
    Map<String, Object> syncOp = new LinkedHashMap<>();
    List<String> options = Json.has(req, "syncOptions")
        ? Json.strings(req, "syncOptions", "items") : Json.strings(a, "spec", "syncPolicy", "syncOptions");
    if (!options.isEmpty()) {
      syncOp.put("syncOptions", options);
    }
    if (Json.list(a, "spec", "sources").isEmpty()) {
      syncOp.put("source", Json.mutableCopy(Json.map(a, "spec", "source")));
      syncOp.put("revision", Json.str(req, "revision"));
    } else {
      syncOp.put("sources", Json.mutableCopy(Json.list(a, "spec", "sources")));
      syncOp.put("revisions", Json.strings(req, "revisions"));
    }
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("sync", syncOp);
    op.put("initiatedBy", Map.of("username", role.subject()));
    op.put("info", Json.mutableCopy(Json.list(req, "infos")));
    Object retry = req.get("retryStrategy") != null ? req.get("retryStrategy")
        : Json.map(a, "spec", "syncPolicy").get("retry");
    if (retry != null) {
      op.put("retry", Json.mutableCopy(retry));
    }
    a.put("operation", op);
    ArgoCdControllerSim.child(a, "status").remove("operationState");
    ArgoCdControllerSim.child(a, "metadata").put("resourceVersion", String.valueOf(++resourceVersion));
    return reply(200, Json.write(a));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  /** The clock the stand-in was started with, for the controller simulation. */
  Clock clock() {
    return clock;
  }
}
