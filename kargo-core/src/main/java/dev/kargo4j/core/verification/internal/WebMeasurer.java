package dev.kargo4j.core.verification.internal;

import dev.kargo4j.core.oci.internal.TrustAllTls;
import dev.kargo4j.core.spi.MetricMeasurement;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Argo Rollouts' {@code web} metric provider ({@code metricproviders/webmetric}) on the JDK
 * HTTP client: one request per measurement; a non-2xx status, a transport failure or a JSONPath
 * that finds nothing is an Error measurement; a JSON body yields the first value the JSONPath
 * finds, a non-JSON body is the result as text. Thread-safe.
 */
final class WebMeasurer {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final long MAX_BODY = 8L * 1024 * 1024;

  private final HttpClient client;
  private volatile HttpClient insecureClient;

  WebMeasurer(HttpClient client) {
    this.client = client;
  }

  MetricMeasurement measure(WebRequest w) {
    String method = w.method().isEmpty() ? "GET" : w.method().toUpperCase(Locale.ROOT);
    if (!w.body().isEmpty() && w.jsonBody() != null) {
      return MetricMeasurement.error("use either Body or JSONBody; both cannot exists for WebMetric payload");
    }
    if ((!w.body().isEmpty() || w.jsonBody() != null) && method.equals("GET")) {
      return MetricMeasurement.error("Body/JSONBody can only be used with POST or PUT WebMetric Method types");
    }
    JsonPath path;
    try {
      path = JsonPath.compile(w.jsonPath());
    } catch (IllegalArgumentException e) {
      return MetricMeasurement.error(e.getMessage());
    }
    URI uri;
    try {
      uri = URI.create(w.url());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return MetricMeasurement.error("unsupported protocol scheme in URL \"" + w.url() + "\"");
      }
    } catch (IllegalArgumentException e) {
      return MetricMeasurement.error("parse \"" + w.url() + "\": " + e.getMessage());
    }
    String payload = !w.body().isEmpty() ? w.body() : w.jsonBody() != null ? JsonValues.toJson(w.jsonBody()) : null;
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
        .timeout(w.timeoutSeconds() > 0 ? Duration.ofSeconds(w.timeoutSeconds()) : DEFAULT_TIMEOUT)
        .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
    try {
      for (String[] h : w.headers()) {
        rb.setHeader(h[0], h[1]);
      }
      if (w.jsonBody() != null) {
        rb.setHeader("Content-Type", "application/json");
      }
    } catch (IllegalArgumentException e) {
      return MetricMeasurement.error("invalid header: " + e.getMessage());
    }
    HttpResponse<byte[]> response;
    try {
      response = (w.insecure() ? insecure() : client).send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      return MetricMeasurement.error(method + " \"" + w.url() + "\": timed out");
    } catch (IOException e) {
      return MetricMeasurement.error(method + " \"" + w.url() + "\": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return MetricMeasurement.error(method + " \"" + w.url() + "\": interrupted");
    }
    if (response.statusCode() < 200 || response.statusCode() >= 300) {
      return MetricMeasurement.error("received non 2xx response code: " + response.statusCode());
    }
    if (response.body().length > MAX_BODY) {
      return MetricMeasurement.error("response body is larger than " + MAX_BODY + " bytes");
    }
    String text = new String(response.body(), StandardCharsets.UTF_8);
    Object data;
    try {
      data = JsonValues.parse(text);
    } catch (IllegalArgumentException e) {
      return MetricMeasurement.value(text);
    }
    List<List<Object>> results;
    try {
      results = path.findResults(data);
    } catch (IllegalArgumentException e) {
      return MetricMeasurement.error("Could not find JSONPath in body: " + e.getMessage());
    }
    for (List<Object> group : results) {
      if (!group.isEmpty()) {
        return MetricMeasurement.value(group.get(0));
      }
    }
    return MetricMeasurement.error("result of web metric produced no value");
  }

  private HttpClient insecure() {
    HttpClient c = insecureClient;
    if (c == null) {
      c = TrustAllTls.client(Duration.ofSeconds(10));
      insecureClient = c;
    }
    return c;
  }
}
