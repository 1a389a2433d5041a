package dev.kargo4j.core.discovery.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.oci.internal.RegistryTransport;
import dev.kargo4j.core.oci.internal.TrustAllTls;
import dev.kargo4j.core.spi.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the chart versions of a Helm HTTP(S) repository from its {@code index.yaml}, with basic
 * auth, following redirects (credentials only to the same host), and revalidating with
 * {@code ETag}/{@code Last-Modified} so an unchanged index costs a {@code 304} and no parsing.
 * Versions keep their text as the index writes it (no YAML number conversion). Thread-safe.
 */
public final class ChartIndex {
  private static final long MAX_INDEX = 256L * 1024 * 1024;
  private static final int MAX_REDIRECTS = 5;

  private record Cached(String etag, String lastModified, Map<String, List<String>> versions) {}

  private final HttpClient client;
  private volatile HttpClient insecureClient;
  private final Duration timeout;
  private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();

  /** Reads indexes with {@code client} (redirects are followed here, so it should follow none). */
  public ChartIndex(HttpClient client, Duration timeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** HTTP requests sent so far. */
  public long requests() {
    return requests.get();
  }

  /**
   * The versions of {@code chart} listed in {@code <repoUrl>/index.yaml}, in index order; empty
   * when the index does not list the chart.
   *
   * @throws KargoException when the index cannot be fetched or read, naming its URL
   */
  public List<String> versions(String repoUrl, String chart, Credentials credentials, boolean insecure) {
    String url = (repoUrl.endsWith("/") ? repoUrl.substring(0, repoUrl.length() - 1) : repoUrl) + "/index.yaml";
    String key = url + "|" + (credentials == null ? "" : credentials.username() + ":"
        + RegistryTransport.sha256Hex(credentials.password().getBytes(StandardCharsets.UTF_8)));
    Cached cached = cache.get(key);
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new KargoException("chart repository URL \"" + repoUrl + "\" is not a valid URL: " + e.getMessage());
    }
    String origin = uri.getRawAuthority();
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET()
          .header("User-Agent", "kargo4j").header("Accept", "application/x-yaml, text/yaml, */*");
      boolean sameOrigin = Objects.equals(uri.getRawAuthority(), origin);
      if (credentials != null && sameOrigin) {
        b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
      }
      if (cached != null && hop == 0) {
        if (cached.etag() != null) {
          b.header("If-None-Match", cached.etag());
        }
        if (cached.lastModified() != null) {
          b.header("If-Modified-Since", cached.lastModified());
        }
      }
      requests.incrementAndGet();
      HttpResponse<InputStream> resp;
      try {
        resp = (insecure ? insecure() : client).send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (SSLException e) {
        throw new KargoException("TLS failure querying chart repository index at \"" + url + "\": " + e.getMessage()
            + (insecure ? "" : "; set insecureSkipTLSVerify to accept an untrusted certificate"), e);
      } catch (IOException e) {
        throw new KargoException("error querying chart repository index at \"" + url + "\": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KargoException("interrupted querying chart repository index at \"" + url + "\"", e);
      }
      int status = resp.statusCode();
      if (status == 304 && cached != null) {
        close(resp);
        return cached.versions().getOrDefault(chart, List.of());
      }
      if (status >= 300 && status < 400 && resp.headers().firstValue("Location").isPresent()) {
        close(resp);
        uri = uri.resolve(resp.headers().firstValue("Location").get());
        continue;
      }
      if (status != 200) {
        close(resp);
        String hint = status == 401 || status == 403
            ? (credentials == null ? "; the repository requires credentials (type helm)" : "; the repository refused the configured credentials")
            : "";
        throw new KargoException("received unexpected HTTP " + status + " when querying chart repository index at \""
            + url + "\"" + hint);
      }
      Map<String, List<String>> versions = parse(resp, url);
      cache.put(key, new Cached(resp.headers().firstValue("ETag").orElse(null),
          resp.headers().firstValue("Last-Modified").orElse(null), versions));
      return versions.getOrDefault(chart, List.of());
    }
    throw new KargoException("chart repository index at \"" + url + "\" redirected more than " + MAX_REDIRECTS + " times");
  }

  private HttpClient insecure() {
    HttpClient c = insecureClient;
    if (c == null) {
      synchronized (this) {
        c = insecureClient;
        if (c == null) {
          c = TrustAllTls.client(Duration.ofSeconds(10));
          insecureClient = c;
        }
      }
    }
    return c;
  }

  private static void close(HttpResponse<InputStream> resp) {
    try (InputStream in = resp.body()) {
      in.readNBytes(64 * 1024);
    } catch (IOException ignored) {
      // nothing to read
    }
  }

  /** Chart name to versions (as written), from an index.yaml. */
  static Map<String, List<String>> parse(HttpResponse<InputStream> resp, String url) {
    try (InputStream in = resp.body()) {
      InputStream limited = new LimitedInputStream(in, MAX_INDEX, url);
      return parse(new InputStreamReader(limited, StandardCharsets.UTF_8), url);
    } catch (IOException e) {
      throw new KargoException("error reading chart repository index from \"" + url + "\": " + e, e);
    }
  }

  /** Chart name to versions (as written), from index.yaml text. */
  public static Map<String, List<String>> parse(java.io.Reader reader, String url) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, MAX_INDEX));
    options.setMaxAliasesForCollections(100);
    options.setAllowDuplicateKeys(true);
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(options), new Representer(new org.yaml.snakeyaml.DumperOptions()),
          new org.yaml.snakeyaml.DumperOptions(), options, new StringsOnlyResolver()).load(reader);
    } catch (YAMLException e) {
      throw new KargoException("error unmarshaling chart repository index from \"" + url + "\": " + e.getMessage(), e);
    }
    Map<String, List<String>> out = new HashMap<>();
    if (!(doc instanceof Map<?, ?> root) || !(root.get("entries") instanceof Map<?, ?> entries)) {
      return out;
    }
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      List<String> versions = new ArrayList<>();
      if (e.getValue() instanceof List<?> list) {
        for (Object item : list) {
          if (item instanceof Map<?, ?> m && m.get("version") instanceof String v) {
            versions.add(v);
          }
        }
      }
      out.put(String.valueOf(e.getKey()), List.copyOf(versions));
    }
    return out;
  }

  /** Every plain scalar stays a string, as when Go decodes into a string field. */
  private static final class StringsOnlyResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      // none: no ints, floats, booleans, nulls or timestamps
    }
  }

  private static final class LimitedInputStream extends java.io.FilterInputStream {
    private long left;
    private final String url;

    LimitedInputStream(InputStream in, long limit, String url) {
      super(in);
      this.left = limit;
      this.url = url;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && --left < 0) {
        throw new IOException("the index at " + url + " is larger than " + MAX_INDEX + " bytes");
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        left -= n;
        if (left < 0) {
          throw new IOException("the index at " + url + " is larger than " + MAX_INDEX + " bytes");
        }
      }
      return n;
    }
  }
}
