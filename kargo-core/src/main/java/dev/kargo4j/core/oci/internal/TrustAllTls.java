package dev.kargo4j.core.oci.internal;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * An HTTP client that accepts any server certificate and host name: what
 * {@code insecureSkipTLSVerify: true} asks for. Used only for repositories that ask for it.
 */
public final class TrustAllTls {
  private TrustAllTls() {}

  /** A new client that skips certificate and host name verification and follows no redirects. */
  public static HttpClient client(Duration connectTimeout) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      // An X509ExtendedTrustManager is used as-is by the JDK, so no host name check is added.
      ctx.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
      return HttpClient.newBuilder()
          .sslContext(ctx)
          .connectTimeout(connectTimeout)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JVM", e);
    }
  }

  private static final class TrustEverything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
