package dev.kargo4j.core.model.rollouts;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.str;

import dev.kargo4j.core.model.internal.JsonTrees;
import java.util.List;

/**
 * Argo Rollouts' {@code web} metric provider: {@code method} (empty means GET), {@code url},
 * {@code headers}, {@code body} or {@code jsonBody} (a JSON-like value, null when absent),
 * {@code timeoutSeconds} (0 means the default), {@code jsonPath} (e.g.
 * {@code {$.base_experience}}) and {@code insecure}.
 *
 * <p>Immutable and thread-safe.
 */
public record WebMetricProvider(
    String method,
    String url,
    List<WebMetricHeader> headers,
    String body,
    long timeoutSeconds,
    String jsonPath,
    boolean insecure,
    Object jsonBody)
    implements MetricProvider {

  /** Validates and copies. */
  public WebMetricProvider {
    method = str(method);
    required("url", url);
    headers = list("headers", headers);
    body = str(body);
    jsonPath = str(jsonPath);
    jsonBody = JsonTrees.copy("jsonBody", jsonBody);
  }

  @Override
  public String type() {
    return "web";
  }
}
