package dev.kargo4j.core.discovery.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.internal.BoundedYaml;
import dev.kargo4j.core.oci.internal.RegistryTransport;
import dev.kargo4j.core.oci.internal.TrustAllTls;
import dev.kargo4j.core.spi.BoundedHttpClient;
import dev.kargo4j.core.spi.Credentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the chart versions of a Helm HTTP(S) repository from its {@code index.yaml}, with basic
 * auth, through a {@link BoundedHttpClient} (the whole exchange within the timeout, the index
 * within its size limit, redirects followed with credentials for the same host only), revalidating with
 * {@code ETag}/{@code Last-Modified} so an unchanged index costs a {@code 304} and no parsing.
 * Versions keep their text as the index writes it (no YAML number conversion). Thread-safe.
 */
public final class ChartIndex {
  /** The default limit of an {@code index.yaml}: 32 MiB, twice the largest public indexes. */
  public static final long DEFAULT_MAX_INDEX_BYTES = 32L << 20;

  /** The parser's own bound, for text that did not come through the body limit. */
  private static final long MAX_INDEX = 256L * 1024 * 1024;

  private record Cached(String etag, String lastModified, Map<String, List<String>> versions) {}

  private final BoundedHttpClient client;
  private volatile BoundedHttpClient insecureClient;
  private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();

  /** Reads indexes with {@code client}, each whole exchange within {@code timeout}, at most {@link #DEFAULT_MAX_INDEX_BYTES}. */
  public ChartIndex(HttpClient client, Duration timeout) {
    this(client, timeout, DEFAULT_MAX_INDEX_BYTES);
  }

  /**
   * Reads indexes with {@code client} (its redirect policy is ignored: redirects are followed
   * by a {@link BoundedHttpClient}, which sends credentials to no other host), each whole
   * exchange within {@code timeout}, each index at most {@code maxIndexBytes}.
   */
  public ChartIndex(HttpClient client, Duration timeout, long maxIndexBytes) {
    this.client = BoundedHttpClient.of(Objects.requireNonNull(client, "client"))
        .withTimeout(Objects.requireNonNull(timeout, "timeout"))
        .withMaxBodyBytes(maxIndexBytes)
        // chart repositories are the host's configuration; Kargo does not refuse them either
        .withLinkLocalRefused(false)
        .withRequestListener(uri -> requests.incrementAndGet());
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
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(url));
    } catch (IllegalArgumentException e) {
      throw new KargoException("chart repository URL \"" + repoUrl + "\" is not a valid URL: " + e.getMessage());
    }
    b.GET().header("User-Agent", "kargo4j").header("Accept", "application/x-yaml, text/yaml, */*");
    if (credentials != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
    }
    if (cached != null) {
      if (cached.etag() != null) {
        b.header("If-None-Match", cached.etag());
      }
      if (cached.lastModified() != null) {
        b.header("If-Modified-Since", cached.lastModified());
      }
    }
    BoundedHttpClient.Response resp;
    try {
      resp = (insecure ? insecure() : client).send(b.build());
    } catch (BoundedHttpClient.Failure e) {
      if (e.reason() == BoundedHttpClient.Reason.TLS) {
        throw new KargoException("TLS failure querying chart repository index at \"" + url + "\": " + e.getMessage()
            + (insecure ? "" : "; set insecureSkipTLSVerify to accept an untrusted certificate"), e);
      }
      throw new KargoException("error querying chart repository index at \"" + url + "\": " + e.getMessage(), e);
    }
    int status = resp.status();
    if (status == 304 && cached != null) {
      return cached.versions().getOrDefault(chart, List.of());
    }
    if (status != 200) {
      String hint = status == 401 || status == 403
          ? (credentials == null ? "; the repository requires credentials (type helm)" : "; the repository refused the configured credentials")
          : "";
      throw new KargoException("received unexpected HTTP " + status + " when querying chart repository index at \""
          + url + "\"" + hint);
    }
    Map<String, List<String>> versions = parse(new String(resp.body(), StandardCharsets.UTF_8), url);
    cache.put(key, new Cached(resp.header("ETag"), resp.header("Last-Modified"), versions));
    return versions.getOrDefault(chart, List.of());
  }

  private BoundedHttpClient insecure() {
    BoundedHttpClient c = insecureClient;
    if (c == null) {
      synchronized (this) {
        c = insecureClient;
        if (c == null) {
          c = BoundedHttpClient.of(TrustAllTls.client(Duration.ofSeconds(10))).withTimeout(client.timeout())
              .withMaxBodyBytes(client.maxBodyBytes()).withLinkLocalRefused(false)
              .withRequestListener(uri -> requests.incrementAndGet());
          insecureClient = c;
        }
      }
    }
    return c;
  }

  /**
   * The limits of an index's YAML: its text as the body limit lets it in, and as much growth
   * through aliases as a real index could want (none has any), so that a few aliases to one
   * huge list of versions cannot make every chart copy it.
   */
  private static final BoundedYaml.Limits LIMITS = new BoundedYaml.Limits((int) Math.min(Integer.MAX_VALUE, MAX_INDEX),
      100, 64, 50_000_000, 4L << 20);

  /** Chart versions (as written), by chart name, from index.yaml text. */
  public static Map<String, List<String>> parse(String text, String url) {
    List<Node> docs;
    try {
      docs = BoundedYaml.compose(text, LIMITS, new BoundedYaml.Options(true, false, false), true);
    } catch (BoundedYaml.Problem e) {
      throw new KargoException("error unmarshaling chart repository index from \"" + url + "\": " + e.getMessage(), e);
    }
    Map<String, List<String>> out = new HashMap<>();
    Node entries = docs.isEmpty() ? null : value(docs.get(0), "entries");
    if (!(entries instanceof MappingNode byChart)) {
      return out;
    }
    for (NodeTuple t : byChart.getValue()) {
      List<String> versions = new ArrayList<>();
      if (t.getValueNode() instanceof SequenceNode list) {
        for (Node item : list.getValue()) {
          if (value(item, "version") instanceof ScalarNode v) {
            versions.add(v.getValue());
          }
        }
      }
      if (t.getKeyNode() instanceof ScalarNode name) {
        out.put(name.getValue(), List.copyOf(versions));
      }
    }
    return out;
  }

  /** The value under {@code key} when {@code node} is a map, else null; the last one wins, as in Go. */
  private static Node value(Node node, String key) {
    Node found = null;
    if (node instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          found = t.getValueNode();
        }
      }
    }
    return found;
  }
}
