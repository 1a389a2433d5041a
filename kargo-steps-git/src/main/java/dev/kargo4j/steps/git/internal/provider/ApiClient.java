package dev.kargo4j.steps.git.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kargo4j.steps.git.spi.GitProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON over HTTP for one provider's REST API: a base URL, the authentication headers, and
 * errors turned into {@link GitProviderException}s that name the call and the status, never the
 * token. Thread-safe.
 */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final String service;
  private final String baseUrl;
  private final HttpClient http;
  private final Map<String, String> headers;
  private final String token;

  ApiClient(String service, String baseUrl, HttpClient http, Map<String, String> headers, String token) {
    this.service = service;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.http = http;
    this.headers = headers;
    this.token = token;
  }

  /** A response: status, parsed body (may be a MissingNode) and headers. */
  record Response(int status, JsonNode body, HttpResponse<String> raw) {
    Optional<String> header(String name) {
      return raw.headers().firstValue(name);
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
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    headers.forEach(b::header);
    try {
      if (body != null) {
        b.header("Content-Type", "application/json");
        b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed = r.body() == null || r.body().isBlank()
          ? JSON.missingNode() : parseOrText(r.body());
      Response resp = new Response(r.statusCode(), parsed, r);
      if (!expected.contains(r.statusCode())) {
        throw error(method, path, resp);
      }
      return resp;
    } catch (IOException e) {
      throw new GitProviderException(service + " API " + method + " " + redactPath(path) + " failed: "
          + scrub(String.valueOf(e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitProviderException(service + " API " + method + " " + redactPath(path) + " was interrupted");
    }
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

  /** {@code absoluteUrl} relative to the base URL (for following Link headers). */
  String relative(String absoluteUrl) {
    return absoluteUrl.startsWith(baseUrl) ? absoluteUrl.substring(baseUrl.length()) : absoluteUrl;
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
