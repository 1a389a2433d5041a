package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.steps.internal.ConfigChecks;
import java.time.Duration;
import java.util.List;

/**
 * The config of the {@code http-download} step (Kargo's {@code HTTPDownloadConfig}).
 *
 * @param url the absolute http(s) URL to download; required
 * @param outPath where to save the file, relative to the work directory; required
 * @param allowOverwrite whether an existing file may be replaced; default false
 * @param headers request headers
 * @param queryParams query parameters added to the URL's
 * @param insecureSkipTLSVerify whether to accept any server certificate (not recommended)
 * @param timeout the limit for the whole download, a Go duration; default {@code 5m}
 */
public record HttpDownloaderConfig(
    String url,
    String outPath,
    boolean allowOverwrite,
    List<HttpHeader> headers,
    List<HttpQueryParam> queryParams,
    boolean insecureSkipTLSVerify,
    String timeout) {

  /** Kargo's default download timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public HttpDownloaderConfig {
    ConfigRules.required(url, "url");
    ConfigRules.required(outPath, "outPath");
    headers = ConfigChecks.listOf(headers, "headers");
    queryParams = ConfigChecks.listOf(queryParams, "queryParams");
    ConfigChecks.optionalDuration(timeout, "timeout");
  }

  /** The download's time limit. */
  public Duration effectiveTimeout() {
    Duration d = ConfigChecks.optionalDuration(timeout, "timeout");
    return d == null ? DEFAULT_TIMEOUT : d;
  }
}
