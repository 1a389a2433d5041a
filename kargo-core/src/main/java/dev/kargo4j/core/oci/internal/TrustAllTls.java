package dev.kargo4j.core.oci.internal;

import dev.kargo4j.core.spi.InsecureTls;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * An HTTP client that accepts any server certificate and host name: what
 * {@code insecureSkipTLSVerify: true} asks for. Used only for repositories that ask for it.
 */
public final class TrustAllTls {
  private TrustAllTls() {}

  /** A new client that skips certificate and host name verification and follows no redirects. */
  public static HttpClient client(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .sslContext(InsecureTls.sslContext())
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

}
