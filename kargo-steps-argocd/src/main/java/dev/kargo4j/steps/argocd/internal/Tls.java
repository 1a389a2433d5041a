package dev.kargo4j.steps.argocd.internal;

import dev.kargo4j.core.spi.InsecureTls;
import dev.kargo4j.KargoException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** SSL contexts for a custom CA bundle or for skipping verification. Thread-safe. */
public final class Tls {
  private Tls() {}

  /**
   * Parses PEM (or DER) certificates.
   *
   * @param source where the bytes came from, for messages (a file path or a field name)
   */
  public static List<X509Certificate> certificates(byte[] pem, String source) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      Collection<? extends Certificate> certs = cf.generateCertificates(new ByteArrayInputStream(pem));
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : certs) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new KargoException(source + ": no certificate found; expected PEM-encoded X.509 certificates");
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new KargoException(source + ": not a valid X.509 certificate bundle: " + e.getMessage(), e);
    }
  }

  /** A context that trusts exactly {@code cas}, with normal host name verification. */
  public static SSLContext trusting(List<X509Certificate> cas) {
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (X509Certificate c : cas) {
        ks.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new KargoException("cannot build a TLS context from the given CA certificates: " + e.getMessage(), e);
    }
  }

  /**
   * A context that accepts any server certificate and any host name (the Argo CD CLI's
   * {@code --insecure}, kubeconfig's {@code insecure-skip-tls-verify}). The JDK leaves host name
   * checks to an {@link X509ExtendedTrustManager}, so this one skips both.
   */
  public static SSLContext insecure() {
    return InsecureTls.sslContext();
  }

}
