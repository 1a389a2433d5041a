package dev.kargo4j.steps.argocd.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kargo4j.core.spi.BoundedHttpClient;
import dev.kargo4j.steps.argocd.ArgoCdApplication;
import dev.kargo4j.steps.argocd.ArgoCdException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP with an optional bearer token: one place for authentication, error messages
 * and redaction. The token is sent only in the {@code Authorization} header, never logged, and
 * cut out of any text a server echoes back. Redirects are not followed, so the token never
 * travels to another host. Each exchange is a {@link BoundedHttpClient}'s: the request timeout
 * bounds all of it, body included, and the body is read up to its limit and no further.
 * Thread-safe.
 */
public final class JsonHttp {
  private static final Logger LOG = LoggerFactory.getLogger(JsonHttp.class);

  /** The default limit of one response body: 32 MiB (a list of many Applications with their status). */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L << 20;

  private final BoundedHttpClient client;
  private final URI base;
  private final String token;
  private final Map<String, String> headers;
  private final String peer;

  /**
   * @param base the server's base URI, e.g. {@code https://argocd.example.com}
   * @param token the bearer token, or null to send none
   * @param headers extra headers sent with every request (values are never logged)
   * @param peer what the server is, for messages, e.g. {@code Argo CD API server}
   */
  public JsonHttp(HttpClient client, URI base, String token, Map<String, String> headers,
      Duration requestTimeout, String peer) {
    this(client, base, token, headers, requestTimeout, DEFAULT_MAX_RESPONSE_BYTES, peer);
  }

  /**
   * @param requestTimeout the bound of each whole exchange, body included
   * @param maxResponseBytes the largest response body read; reading stops there
   */
  public JsonHttp(HttpClient client, URI base, String token, Map<String, String> headers,
      Duration requestTimeout, long maxResponseBytes, String peer) {
    // no redirects: the token must never travel to another host; the server is the host's
    // configuration, so link-local addresses are not refused
    this.client = BoundedHttpClient.of(Objects.requireNonNull(client, "client"))
        .withTimeout(Objects.requireNonNull(requestTimeout, "requestTimeout"))
        .withMaxBodyBytes(maxResponseBytes)
        .withMaxRedirects(0)
        .withLinkLocalRefused(false);
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.token = token == null || token.isEmpty() ? null : token;
    this.headers = Map.copyOf(headers);
    this.peer = peer + " at " + this.base;
  }

  /** A response: its status and body. */
  public record Response(int status, String body) {
    /** True for 2xx. */
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** The server, for messages, e.g. {@code Argo CD API server at https://...}. */
  public String peer() {
    return peer;
  }

  /** URL-encodes one path segment. */
  public static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** URL-encodes one query value; spaces as {@code %20}, which every server decodes. */
  public static String query(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Sends one request and returns the response whatever its status, except 401, which is
   * always an {@link ArgoCdException}.
   *
   * @param pathAndQuery e.g. {@code /api/v1/applications?selector=a%3Db}
   * @param body a JSON-like value, or null for no body
   * @param contentType the body's content type; ignored without a body
   */
  public Response send(String method, String pathAndQuery, Object body, String contentType) {
    URI uri = URI.create(base + pathAndQuery);
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
        .header("Accept", "application/json");
    headers.forEach(rb::header);
    if (token != null) {
      rb.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      rb.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      rb.header("Content-Type", contentType);
      rb.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
    }
    BoundedHttpClient.Response resp;
    try {
      resp = client.send(rb.build());
    } catch (BoundedHttpClient.Failure e) {
      throw new ArgoCdException(method + " " + uri.getPath() + " on the " + peer + " failed: "
          + redact(e.getMessage()));
    }
    LOG.debug("{} {} -> {}", method, uri, resp.status());
    Response r = new Response(resp.status(), new String(resp.body(), StandardCharsets.UTF_8));
    if (r.status() == 401) {
      throw failure(method, uri.getPath(), r, token == null
          ? "no token was configured"
          : "the token was rejected; check that it is valid and not expired");
    }
    return r;
  }

  /** Sends a request and parses a 2xx JSON object response; any other status is an error. */
  public Map<String, Object> sendForObject(String method, String pathAndQuery, Object body,
      String contentType) {
    Response r = send(method, pathAndQuery, body, contentType);
    if (!r.ok()) {
      throw failure(method, URI.create(base + pathAndQuery).getPath(), r, null);
    }
    return parse(r, method, pathAndQuery);
  }

  /** Parses a response body as a JSON object. */
  public Map<String, Object> parse(Response r, String method, String pathAndQuery) {
    if (r.body().isBlank()) {
      return new LinkedHashMap<>();
    }
    try {
      return Json.parseObject(r.body());
    } catch (JsonProcessingException e) {
      throw new ArgoCdException(method + " " + URI.create(base + pathAndQuery).getPath() + " on the "
          + peer + " returned a body that is not a JSON object: " + redact(e.getOriginalMessage()));
    }
  }

  /**
   * {@code raw} as an Application; a missing {@code metadata.namespace} (list items may omit it)
   * is filled in with {@code namespace}.
   *
   * @throws ArgoCdException when the server returned something that is not an Application
   */
  public ArgoCdApplication application(Map<String, Object> raw, String namespace) {
    Map<String, Object> copy = Json.mutableCopy(raw);
    if (copy.get("metadata") instanceof Map<?, ?> m && !(m.get("namespace") instanceof String)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = (Map<String, Object>) m;
      meta.put("namespace", namespace);
    }
    try {
      return new ArgoCdApplication(copy);
    } catch (IllegalArgumentException e) {
      throw new ArgoCdException("the " + peer + " returned something that is not an Application: "
          + e.getMessage());
    }
  }

  /** An exception for a refused request, with the server's own message (redacted). */
  public ArgoCdException failure(String method, String path, Response r, String hint) {
    String what = switch (r.status()) {
      case 401 -> "authentication failed (401 Unauthorized)";
      case 403 -> "permission denied (403 Forbidden)";
      case 404 -> "not found (404)";
      case 409 -> "conflict (409)";
      default -> "HTTP " + r.status();
    };
    String serverSays = serverMessage(r.body());
    return new ArgoCdException(method + " " + path + " on the " + peer + ": " + what
        + (serverSays.isEmpty() ? "" : ": " + serverSays)
        + (hint == null ? "" : "; " + hint), r.status(), null);
  }

  /** The {@code message} (Kubernetes Status, gRPC gateway) or {@code error} of an error body. */
  public String serverMessage(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String msg;
    try {
      Map<String, Object> m = Json.parseObject(body);
      msg = !Json.str(m, "message").isEmpty() ? Json.str(m, "message") : Json.str(m, "error");
    } catch (JsonProcessingException e) {
      msg = body.strip();
    }
    if (msg.length() > 300) {
      msg = msg.substring(0, 300) + "...";
    }
    return redact(msg);
  }

  /** {@code text} with the token cut out. */
  public String redact(String text) {
    if (text == null || token == null) {
      return text;
    }
    return text.replace(token, "***");
  }
}
