package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.steps.internal.ConfigChecks;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The config of the {@code http} step (Kargo's {@code HTTPConfig}).
 *
 * @param method {@code GET} (default), {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}
 *     or {@code HEAD}
 * @param url the absolute http(s) URL; required
 * @param headers request headers
 * @param queryParams query parameters added to the URL's
 * @param body the request body; at most one of {@code body} and {@code bodyFromFile}
 * @param bodyFromFile a file in the work directory whose content is the body (at most 2 MiB)
 * @param insecureSkipTLSVerify whether to accept any server certificate (not recommended)
 * @param proxy an {@code http://} or {@code https://} proxy URL
 * @param timeout the limit for the whole exchange, a Go duration; default {@code 10s}
 * @param pollInterval how long to wait before asking again while neither the success nor the
 *     failure expression holds, a Go duration; default {@code 30s}
 * @param responseContentType how to read the response body regardless of its
 *     {@code Content-Type}: {@code application/json}, {@code application/yaml} or
 *     {@code text/plain}
 * @param outputs named outputs, raw expressions over {@code response}
 * @param successExpression a raw expression over {@code response} that must be true for success
 * @param failureExpression a raw expression over {@code response} that, when true, fails the
 *     step for good; it wins over success
 * @param errorExpression a raw expression extracting an error message from a failed response
 */
public record HttpRequesterConfig(
    String method,
    String url,
    List<HttpHeader> headers,
    List<HttpQueryParam> queryParams,
    String body,
    String bodyFromFile,
    boolean insecureSkipTLSVerify,
    String proxy,
    String timeout,
    String pollInterval,
    String responseContentType,
    List<DocumentOutput> outputs,
    String successExpression,
    String failureExpression,
    String errorExpression) {

  /** Kargo's default request timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** Kargo's default poll interval. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);

  public HttpRequesterConfig {
    ConfigRules.oneOf(method, Set.of("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"), "method");
    ConfigRules.required(url, "url");
    headers = ConfigChecks.listOf(headers, "headers");
    queryParams = ConfigChecks.listOf(queryParams, "queryParams");
    ConfigChecks.optionalNonEmpty(bodyFromFile, "bodyFromFile");
    ConfigRules.atMostOne("body, bodyFromFile", body, bodyFromFile);
    if (proxy != null && !proxy.matches("^https?://.*$")) {
      throw new InvalidConfigException("proxy: '" + proxy + "' is not allowed; allowed: an http:// or https:// URL");
    }
    ConfigChecks.optionalDuration(timeout, "timeout");
    ConfigChecks.optionalDuration(pollInterval, "pollInterval");
    ConfigRules.oneOf(responseContentType, Set.of("application/json", "application/yaml", "text/plain"),
        "responseContentType");
    outputs = ConfigChecks.listOf(outputs, "outputs");
  }

  /** The method to use, {@code GET} by default. */
  public String effectiveMethod() {
    return method == null ? "GET" : method;
  }

  /** The exchange's time limit. */
  public Duration effectiveTimeout() {
    Duration d = ConfigChecks.optionalDuration(timeout, "timeout");
    return d == null ? DEFAULT_TIMEOUT : d;
  }

  /** How long to wait before the next attempt while the criteria are unmet. */
  public Duration effectivePollInterval() {
    Duration d = ConfigChecks.optionalDuration(pollInterval, "pollInterval");
    return d == null ? DEFAULT_POLL_INTERVAL : d;
  }
}
