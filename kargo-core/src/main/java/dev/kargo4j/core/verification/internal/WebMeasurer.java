package dev.kargo4j.core.verification.internal;

import dev.kargo4j.core.oci.internal.TrustAllTls;
import dev.kargo4j.core.spi.BoundedHttpClient;
import dev.kargo4j.core.spi.MetricMeasurement;
import dev.kargo4j.core.verification.Verifier;
import dev.kargo4j.expr.go.GoJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Argo Rollouts' {@code web} metric provider ({@code metricproviders/webmetric}) on the JDK
 * HTTP client: one request per measurement; a non-2xx status, a transport failure or a JSONPath
 * that finds nothing is an Error measurement; a JSON body yields the first value the JSONPath
 * finds, a non-JSON body is the result as text. The exchange is a {@link BoundedHttpClient}'s:
 * the metric's timeout bounds all of it, the body is read up to the limit and no further,
 * redirects are checked hop by hop and the metric's headers do not follow one to another host.
 * Thread-safe.
 */
final class WebMeasurer {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final BoundedHttpClient client;
  private volatile BoundedHttpClient insecureClient;

  /** A measurer over {@code client} with the default body limit. */
  WebMeasurer(HttpClient client) {
    this(BoundedHttpClient.of(client).withMaxBodyBytes(Verifier.DEFAULT_WEB_METRIC_MAX_BODY_BYTES));
  }

  /** A measurer over {@code client}, whose body limit applies to every metric. */
  WebMeasurer(BoundedHttpClient client) {
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
    String payload = !w.body().isEmpty() ? w.body() : w.jsonBody() != null ? jsonText(w.jsonBody()) : null;
    Duration timeout = w.timeoutSeconds() > 0 ? Duration.ofSeconds(w.timeoutSeconds()) : DEFAULT_TIMEOUT;
    HttpRequest.Builder rb;
    try {
      rb = HttpRequest.newBuilder(uri);
    } catch (IllegalArgumentException e) {
      return MetricMeasurement.error("unsupported protocol scheme in URL \"" + w.url() + "\"");
    }
    rb.method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
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
    BoundedHttpClient.Response response;
    try {
      // the whole exchange, body included, within the metric's timeout
      response = (w.insecure() ? insecure() : client).withTimeout(timeout).send(rb.build());
    } catch (BoundedHttpClient.Failure e) {
      return MetricMeasurement.error(method + " \"" + w.url() + "\": " + e.getMessage());
    }
    if (!response.ok()) {
      return MetricMeasurement.error("received non 2xx response code: " + response.status());
    }
    String text = new String(response.body(), StandardCharsets.UTF_8);
    Object data;
    try {
      data = GoJson.unmarshal(text);
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

  private BoundedHttpClient insecure() {
    BoundedHttpClient c = insecureClient;
    if (c == null) {
      c = BoundedHttpClient.of(TrustAllTls.client(Duration.ofSeconds(10))).withMaxBodyBytes(client.maxBodyBytes());
      insecureClient = c;
    }
    return c;
  }

  /**
   * A value as Go's {@code json.Marshal} writes it. What JSON cannot hold keeps a text form
   * rather than failing the measurement: NaN and infinities as {@code null}, other objects (a
   * metric plugin's own types) as the JSON string of their {@code toString()}.
   */
  static String jsonText(Object v) {
    try {
      return GoJson.marshal(v);
    } catch (IllegalArgumentException e) {
      return v instanceof Number ? "null" : GoJson.marshal(String.valueOf(v));
    }
  }
}
