package dev.kargo4j.core.verification.internal;

import java.util.List;

/**
 * A {@code web} metric with its placeholders resolved: {@code method} (empty is GET),
 * {@code url}, {@code headers} ({key, value} pairs), {@code body} or {@code jsonBody},
 * {@code timeoutSeconds} (0 or less is 10 s), {@code jsonPath} (empty is {@code {$}}) and
 * {@code insecure}.
 */
record WebRequest(String method, String url, List<String[]> headers, String body, Object jsonBody,
    long timeoutSeconds, String jsonPath, boolean insecure) {
  WebRequest {
    method = method == null ? "" : method;
    body = body == null ? "" : body;
    jsonPath = jsonPath == null ? "" : jsonPath;
    headers = List.copyOf(headers);
  }
}
