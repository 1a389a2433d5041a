package dev.kargo4j.core.spi;

import dev.kargo4j.KargoException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS context that Kargo's {@code insecureSkipTLSVerify: true} (and the Argo CD CLI's
 * {@code --insecure}) ask for: any server certificate and any host name is accepted. Kept in one
 * place so that every step, subscription source and client that offers the option uses the
 * same, reviewed code; use it only when the user asked for it.
 */
public final class InsecureTls {
  private InsecureTls() {}

  /**
   * A new context that skips certificate and host name verification. The JDK leaves the host
   * name check to an {@link X509ExtendedTrustManager}, so this one skips both.
   */
  public static SSLContext sslContext() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new KargoException("cannot build a TLS context without verification: " + e.getMessage(), e);
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
