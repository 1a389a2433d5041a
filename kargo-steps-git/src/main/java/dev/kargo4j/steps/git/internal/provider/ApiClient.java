package dev.kargo4j.steps.git.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.BoundedHttpClient;
import dev.kargo4j.steps.git.spi.GitProviderException;
import dev.kargo4j.expr.go.GoDuration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON over HTTP for one provider's REST API: a base URL, the authentication headers, and
 * errors turned into {@link GitProviderException}s that name the call and the status, never the
 * token. Each call is a {@link BoundedHttpClient} exchange: bounded as a whole in time
 * ({@value #TIMEOUT_PROPERTY}, default 60 s) and in body size ({@value #MAX_RESPONSE_BYTES_PROPERTY},
 * default 16 MiB); redirects are checked hop by hop and the token does not follow one to another
 * host. Thread-safe.
 */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The system property with the bound of one whole API exchange, a Go duration (default
   * {@code 60s}). A system property because the pull-request steps have no other way to hear
   * from the host; read when a provider is created.
   */
  static final String TIMEOUT_PROPERTY = "kargo4j.gitProvider.timeout";

  /** The system property with the largest API response read, in bytes (default 16 MiB). */
  static final String MAX_RESPONSE_BYTES_PROPERTY = "kargo4j.gitProvider.maxResponseBytes";

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;

  private final String service;
  private final String baseUrl;
  private final BoundedHttpClient http;
  private final Map<String, String> headers;
  private final String token;

  ApiClient(String service, String baseUrl, HttpClient http, Map<String, String> headers, String token) {
    this.service = service;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    // redirects are followed as go-github's client does, but checked hop by hop and without
    // the token (or any other header) once they leave the API's host
    this.http = http == null ? null : BoundedHttpClient.of(http).withTimeout(timeout())
        .withMaxBodyBytes(maxResponseBytes());
    this.headers = headers;
    this.token = token;
  }

  private static Duration timeout() {
    String v = System.getProperty(TIMEOUT_PROPERTY);
    if (v == null || v.isBlank()) {
      return DEFAULT_TIMEOUT;
    }
    try {
      Duration d = GoDuration.parse(v.strip());
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("not positive");
      }
      return d;
    } catch (RuntimeException e) {
      throw new KargoException("system property " + TIMEOUT_PROPERTY + " must be a positive Go duration such as"
          + " 60s, got \"" + v + "\"");
    }
  }

  private static long maxResponseBytes() {
    String v = System.getProperty(MAX_RESPONSE_BYTES_PROPERTY);
    if (v == null || v.isBlank()) {
      return DEFAULT_MAX_RESPONSE_BYTES;
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new KargoException("system property " + MAX_RESPONSE_BYTES_PROPERTY
          + " must be a positive number of bytes, got \"" + v + "\"");
    }
  }

  /** A response: status, parsed body (may be a MissingNode) and headers. */
  record Response(int status, JsonNode body, HttpHeaders headers) {
    Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  Response get(String path) {
    return send("GET", path, null, List.of(200));
  }

  Response send(String method, String path, Object body, List<Integer> expected) {
    if (http == null) {
      throw new GitProviderException(service + ": no HTTP client was supplied for API calls");
    }
    String url = baseUrl + path;
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    headers.forEach(b::header);
    try {
      if (body != null) {
        b.header("Content-Type", "application/json");
        b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
    } catch (IOException e) {
      throw new GitProviderException(service + " API " + method + " " + redactPath(path)
          + " failed: the request body could not be written as JSON");
    }
    BoundedHttpClient.Response r;
    try {
      r = http.send(b.build());
    } catch (BoundedHttpClient.Failure e) {
      throw new GitProviderException(service + " API " + method + " " + redactPath(path) + " failed: "
          + scrub(e.getMessage()));
    }
    String text = new String(r.body(), StandardCharsets.UTF_8);
    JsonNode parsed = text.isBlank() ? JSON.missingNode() : parseOrText(text);
    Response resp = new Response(r.status(), parsed, r.headers());
    if (!expected.contains(r.status())) {
      throw error(method, path, resp);
    }
    return resp;
  }

  private static JsonNode parseOrText(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(body);
    }
  }

  GitProviderException error(String method, String path, Response r) {
    String detail = "";
    JsonNode b = r.body();
    if (b.hasNonNull("message")) {
      detail = b.get("message").isTextual() ? b.get("message").asText() : b.get("message").toString();
    } else if (b.hasNonNull("error")) {
      detail = b.get("error").asText();
    } else if (b.isTextual()) {
      detail = b.asText();
    }
    if (b.has("errors") && b.get("errors").size() > 0) {
      detail = detail + " " + b.get("errors");
    }
    String hint = switch (r.status()) {
      case 401 -> " (the token was refused: check the password of the git credentials for this repository)";
      case 403 -> " (the token lacks permission)";
      case 404 -> " (not found, or the token cannot see it)";
      default -> "";
    };
    return new GitProviderException(service + " API " + method + " " + redactPath(path) + " returned "
        + r.status() + (detail.isBlank() ? "" : ": " + scrub(detail.trim())) + hint, r.status());
  }

  private String redactPath(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  private String scrub(String s) {
    return token != null && token.length() >= 3 ? s.replace(token, "***") : s;
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static java.time.Instant instant(JsonNode n, String field) {
    String s = text(n, field);
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(s).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /** The URL of the {@code rel="next"} page in an RFC 8288 Link header, if any. */
  static Optional<String> nextLink(Response r) {
    return r.header("Link").flatMap(link -> {
      for (String part : link.split(",")) {
        String[] segs = part.split(";");
        if (segs.length >= 2 && segs[1].trim().replace(" ", "").equals("rel=\"next\"")) {
          String u = segs[0].trim();
          return Optional.of(u.substring(1, u.length() - 1));
        }
      }
      return Optional.empty();
    });
  }

  /**
   * {@code absoluteUrl} relative to the base URL (for following Link headers).
   *
   * @throws GitProviderException when the link leaves the API (the token would follow it)
   */
  String relative(String absoluteUrl) {
    if (!absoluteUrl.startsWith(baseUrl + "/") && !absoluteUrl.startsWith(baseUrl + "?")) {
      throw new GitProviderException(service + " API sent a next-page link outside " + baseUrl
          + "; it is not followed");
    }
    return absoluteUrl.substring(baseUrl.length());
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
