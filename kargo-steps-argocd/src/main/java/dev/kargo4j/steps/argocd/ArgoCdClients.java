package dev.kargo4j.steps.argocd;

import dev.kargo4j.KargoException;
import dev.kargo4j.steps.argocd.internal.ApiServerClient;
import dev.kargo4j.steps.argocd.internal.CliOptions;
import dev.kargo4j.steps.argocd.internal.JsonHttp;
import dev.kargo4j.steps.argocd.internal.KubernetesClient;
import dev.kargo4j.steps.argocd.internal.Kubeconfig;
import dev.kargo4j.steps.argocd.internal.Tls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * Builds the two {@link ArgoCdClient}s: {@link #apiServer()} for the Argo CD API server with a
 * bearer token, and {@link #kubernetes()} for Application resources through the Kubernetes API,
 * as Kargo's controller works. Both use the JDK HTTP client.
 *
 * <pre>{@code
 * ArgoCdClient argo = ArgoCdClients.apiServer()
 *     .server("argocd.example.com")
 *     .authToken(token)
 *     .caCertificates(Path.of("/etc/ssl/argocd-ca.pem"))
 *     .build();
 * ArgoCdClient kube = ArgoCdClients.kubernetes().kubeconfig(Path.of(".kube/config")).build();
 * }</pre>
 *
 * <p>Builders are not thread-safe; the clients they build are immutable and thread-safe.
 */
public final class ArgoCdClients {
  private ArgoCdClients() {}

  /** A builder for a client of the Argo CD API server. */
  public static ApiServerBuilder apiServer() {
    return new ApiServerBuilder();
  }

  /** A builder for a client of Application resources through the Kubernetes API. */
  public static KubernetesBuilder kubernetes() {
    return new KubernetesBuilder();
  }

  /**
   * An API-server client configured as the Argo CD CLI would be from the process environment:
   * {@code ARGOCD_SERVER}, {@code ARGOCD_AUTH_TOKEN} and the flags in {@code ARGOCD_OPTS}.
   */
  public static ArgoCdClient fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /**
   * Like {@link #fromEnvironment()}, reading variables through {@code env}. Flags in
   * {@code ARGOCD_OPTS} ({@code --server}, {@code --auth-token}) win over the variables, as they
   * do for the CLI.
   *
   * @throws KargoException when no server or no token is configured, or a flag is unsupported
   */
  public static ArgoCdClient fromEnvironment(UnaryOperator<String> env) {
    CliOptions opts = CliOptions.parse(env.apply("ARGOCD_OPTS"));
    String server = opts.server() != null ? opts.server() : env.apply("ARGOCD_SERVER");
    String token = opts.authToken() != null ? opts.authToken() : env.apply("ARGOCD_AUTH_TOKEN");
    if (server == null || server.isBlank()) {
      throw new KargoException("ARGOCD_SERVER: not set; set it (or --server in ARGOCD_OPTS) to the Argo CD "
          + "API server's host[:port]");
    }
    if (token == null || token.isBlank()) {
      throw new KargoException("ARGOCD_AUTH_TOKEN: not set; set it (or --auth-token in ARGOCD_OPTS) to an "
          + "Argo CD API token");
    }
    ApiServerBuilder b = apiServer().server(server).authToken(token)
        .plaintext(opts.plaintext()).insecureSkipTlsVerify(opts.insecure());
    if (opts.serverCrt() != null) {
      b.caCertificates(Path.of(opts.serverCrt()));
    }
    if (opts.rootPath() != null) {
      b.rootPath(opts.rootPath());
    }
    opts.headers().forEach(b::header);
    return b.build();
  }

  /** Shared TLS and timeout settings of both builders. */
  private abstract static class Base<B extends Base<B>> {
    HttpClient httpClient;
    List<X509Certificate> caCertificates;
    boolean insecure;
    Duration requestTimeout = Duration.ofSeconds(30);
    Duration connectTimeout = Duration.ofSeconds(10);
    long maxResponseBytes = JsonHttp.DEFAULT_MAX_RESPONSE_BYTES;

    abstract B self();

    /**
     * Trust exactly the CA certificates in this PEM file (instead of the JDK's trust store).
     *
     * @throws KargoException when the file cannot be read or holds no certificate
     */
    public B caCertificates(Path pemFile) {
      try {
        return caCertificatesPem(Files.readString(pemFile, StandardCharsets.US_ASCII), pemFile.toString());
      } catch (IOException e) {
        throw new KargoException(pemFile + ": cannot read CA certificates: " + e.getMessage(), e);
      }
    }

    /** Trust exactly the CA certificates in this PEM text. */
    public B caCertificatesPem(String pem) {
      return caCertificatesPem(pem, "CA certificates");
    }

    B caCertificatesPem(String pem, String source) {
      this.caCertificates = Tls.certificates(pem.getBytes(StandardCharsets.US_ASCII), source);
      return self();
    }

    /** Skip verification of the server's certificate and host name. For tests only. */
    public B insecureSkipTlsVerify(boolean insecure) {
      this.insecure = insecure;
      return self();
    }

    /**
     * The largest response body read (default 32 MiB); reading stops there and the call fails
     * naming the limit.
     */
    public B maxResponseBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be positive, got " + bytes);
      }
      this.maxResponseBytes = bytes;
      return self();
    }

    /** The timeout of each whole exchange, response body included; default 30 seconds. */
    public B requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return self();
    }

    /** The connect timeout; default 10 seconds. Ignored with {@link #httpClient}. */
    public B connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return self();
    }

    /**
     * Use this HTTP client as is (its own TLS settings apply); excludes
     * {@link #caCertificates} and {@link #insecureSkipTlsVerify}.
     */
    public B httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return self();
    }

    HttpClient client(boolean tls) {
      if (httpClient != null) {
        if (caCertificates != null || insecure) {
          throw new IllegalStateException(
              "httpClient(...) excludes caCertificates(...) and insecureSkipTlsVerify(true)");
        }
        return httpClient;
      }
      HttpClient.Builder b = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(connectTimeout);
      if (tls) {
        SSLContext ctx = insecure ? Tls.insecure() : caCertificates != null ? Tls.trusting(caCertificates) : null;
        if (ctx != null) {
          b.sslContext(ctx);
        }
      }
      return b.build();
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }

  /**
   * Builds a client of the Argo CD API server ({@code /api/v1/applications...}), authenticated
   * with a bearer token (an Argo CD API token or session token). The server records the token's
   * subject as the initiator of the syncs it starts.
   */
  public static final class ApiServerBuilder extends Base<ApiServerBuilder> {
    private String server;
    private String token;
    private boolean plaintext;
    private String rootPath = "";
    private final Map<String, String> headers = new LinkedHashMap<>();

    ApiServerBuilder() {}

    @Override
    ApiServerBuilder self() {
      return this;
    }

    /**
     * The server: {@code host[:port]} as {@code ARGOCD_SERVER} writes it, or a full
     * {@code https://} or {@code http://} URL.
     */
    public ApiServerBuilder server(String server) {
      this.server = Objects.requireNonNull(server, "server").strip();
      return this;
    }

    /** The bearer token; required. Never logged or shown in messages. */
    public ApiServerBuilder authToken(String token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /** Use plain HTTP for a {@code host[:port]} server (the CLI's {@code --plaintext}). */
    public ApiServerBuilder plaintext(boolean plaintext) {
      this.plaintext = plaintext;
      return this;
    }

    /** A path prefix under which the server is served, e.g. {@code /argo-cd}. */
    public ApiServerBuilder rootPath(String rootPath) {
      String p = Objects.requireNonNull(rootPath, "rootPath").strip();
      while (p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      this.rootPath = p.isEmpty() || p.startsWith("/") ? p : "/" + p;
      return this;
    }

    /** An extra header sent with every request (e.g. for a proxy); its value is never logged. */
    public ApiServerBuilder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The client.
     *
     * @throws KargoException when server or token is missing
     */
    public ArgoCdClient build() {
      if (server == null || server.isEmpty()) {
        throw new KargoException("Argo CD API server: server(...) is required (host[:port] or URL)");
      }
      if (token == null || token.isBlank()) {
        throw new KargoException("Argo CD API server: authToken(...) is required");
      }
      URI base = server.contains("://")
          ? URI.create(server)
          : URI.create((plaintext ? "http://" : "https://") + server);
      base = URI.create(stripSlash(base.toString()) + rootPath);
      boolean tls = "https".equalsIgnoreCase(base.getScheme());
      JsonHttp http = new JsonHttp(client(tls), base, token, headers, requestTimeout, maxResponseBytes,
          "Argo CD API server");
      return new ApiServerClient(http);
    }
  }

  /**
   * Builds a client of Argo CD Application resources through the Kubernetes API. Server, CA and
   * token come from a kubeconfig file or are given directly; a bearer token is the only
   * authentication supported.
   */
  public static final class KubernetesBuilder extends Base<KubernetesBuilder> {
    private String server;
    private String token;

    KubernetesBuilder() {}

    @Override
    KubernetesBuilder self() {
      return this;
    }

    /** The API server URL, e.g. {@code https://10.0.0.1:6443}. */
    public KubernetesBuilder server(String server) {
      this.server = Objects.requireNonNull(server, "server").strip();
      return this;
    }

    /** The bearer token (e.g. a service account token). Never logged or shown in messages. */
    public KubernetesBuilder token(String token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /** Takes server, CA, insecure-skip-tls-verify and token from the file's current context. */
    public KubernetesBuilder kubeconfig(Path file) {
      return kubeconfig(file, null);
    }

    /**
     * Takes server, CA, insecure-skip-tls-verify and token from {@code context} of the file.
     *
     * @throws KargoException naming the file and field when something is missing or unsupported
     */
    public KubernetesBuilder kubeconfig(Path file, String context) {
      Kubeconfig k = Kubeconfig.read(file, context);
      this.server = k.server();
      if (k.token() != null) {
        this.token = k.token();
      }
      if (k.caPem() != null) {
        this.caCertificates = Tls.certificates(k.caPem(), file + " (certificate-authority)");
      }
      this.insecure = k.insecureSkipTlsVerify();
      return this;
    }

    /**
     * The client.
     *
     * @throws KargoException when no server is configured
     */
    public ArgoCdClient build() {
      if (server == null || server.isEmpty()) {
        throw new KargoException("Kubernetes API: server(...) or kubeconfig(...) is required");
      }
      URI base = URI.create(stripSlash(server));
      boolean tls = "https".equalsIgnoreCase(base.getScheme());
      JsonHttp http = new JsonHttp(client(tls), base, token, Map.of(), requestTimeout, maxResponseBytes,
          "Kubernetes API");
      return new KubernetesClient(http);
    }
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
