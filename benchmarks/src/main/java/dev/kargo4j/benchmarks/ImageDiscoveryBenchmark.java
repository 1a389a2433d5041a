package dev.kargo4j.benchmarks;

import dev.kargo4j.core.discovery.ImageSubscriptionSource;
import dev.kargo4j.core.discovery.internal.TagFilter;
import dev.kargo4j.core.discovery.internal.TagOrder;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.DiscoveredImageReference;
import dev.kargo4j.core.model.ImageSelectionStrategy;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.oci.ImageReference;
import dev.kargo4j.core.oci.OciClient;
import dev.kargo4j.core.oci.OciStats;
import dev.kargo4j.core.oci.RateLimit;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.DiscoveryContext;
import dev.kargo4j.testpeers.OciRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image discovery from a repository with {@value TagSelectionBenchmark#TAGS} tags in a real OCI
 * registry (Debian's {@code docker-registry}, {@link OciRegistry}, anonymous), through the
 * public {@link ImageSubscriptionSource} with the kargo-advanced subscription (SemVer, the
 * allow regex, {@code discoveryLimit} 20): time and registry requests per discovery.
 *
 * <ul>
 *   <li>{@link #listTags()}: listing alone (the registry sends all tags in one page);
 *   <li>{@link #discoverCold()}: a new {@link OciClient} per discovery (empty caches);
 *   <li>{@link #discoverWarm()}: one client that has discovered before (digest caches full);
 *   <li>{@link #discoverWarmCacheByTag()}: the same with {@code cacheByTag: true}.
 * </ul>
 *
 * <p>The 40 best versions are distinct images (own config with its creation time); the other
 * tags are distinct manifests sharing a config and a layer, pushed by manifest PUTs to keep the
 * setup short. The timed clients lift the per-registry rate limit (the default, 20 requests/s
 * with a burst of 20, would make a cold discovery wait). Requests per discovery come from
 * {@link OciClient#stats()}: setup prints them for every scenario (also a cold discovery with
 * the default rate limit, with its time) as {@code REQUESTS ...} lines, and the end of each
 * trial prints them for the benchmark that ran.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ImageDiscoveryBenchmark</pre>
 *
 * <p>Not thread-safe: run with one benchmark thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ImageDiscoveryBenchmark {
  private static final String REPOSITORY = "bench/guestbook";
  private static final int DISTINCT_IMAGES = 40;
  private static final RateLimit UNLIMITED = new RateLimit(1_000_000, 1_000_000);

  private OciRegistry registry;
  private String repoUrl;
  private List<String> expected;
  private ImageSubscription subscription;
  private ImageSubscription cacheByTag;
  private ImageSubscriptionSource warmSource;
  private OciClient warmClient;
  private ImageSubscriptionSource warmByTagSource;
  private OciClient warmByTagClient;
  private DiscoveryContext context;
  private final Map<String, long[]> requests = new LinkedHashMap<>();

  /** Starts the registry, pushes the tags, primes the warm clients. */
  @Setup(Level.Trial)
  public void startRegistry() throws Exception {
    registry = OciRegistry.start();
    try {
      prepare();
    } catch (Exception | Error e) {
      registry.close(); // a failed setup gets no teardown: stop the registry we started
      throw e;
    }
  }

  private void prepare() throws Exception {
    repoUrl = registry.repository(REPOSITORY);
    List<String> tags = Tags.generate(TagSelectionBenchmark.TAGS, 42);
    List<String> best = TagOrder.semver(
        TagFilter.of(List.of(TagSelectionBenchmark.ALLOW), List.of(), "bench").filter(tags), true, null);
    expected = best.subList(0, TagSelectionBenchmark.LIMIT);
    push(tags, new HashSet<>(best.subList(0, DISTINCT_IMAGES)));
    List<String> listed = registry.tags(REPOSITORY);
    if (listed.size() != tags.size()) {
      throw new IllegalStateException("the registry lists " + listed.size() + " tags, expected " + tags.size());
    }
    subscription = new ImageSubscription("", repoUrl, ImageSelectionStrategy.SEMVER, "", true,
        List.of(TagSelectionBenchmark.ALLOW), List.of(), "", TagSelectionBenchmark.LIMIT, false, false);
    cacheByTag = new ImageSubscription("", repoUrl, ImageSelectionStrategy.SEMVER, "", true,
        List.of(TagSelectionBenchmark.ALLOW), List.of(), "", TagSelectionBenchmark.LIMIT, true, false);
    context = new BenchContext();

    // the request counts of every scenario, printed once per trial whichever benchmark runs
    OciClient limited = OciClient.builder().build();
    long start = System.nanoTime();
    check(new ImageSubscriptionSource(limited).discover(subscription, context));
    long ms = (System.nanoTime() - start) / 1_000_000;
    report("coldWithDefaultRateLimit", limited.stats(), ms);
    warmClient = OciClient.builder().rateLimit(UNLIMITED).build();
    warmSource = new ImageSubscriptionSource(warmClient);
    report("cold", timed(warmClient, () -> check(warmSource.discover(subscription, context))), -1);
    report("warm", timed(warmClient, () -> check(warmSource.discover(subscription, context))), -1);
    warmByTagClient = OciClient.builder().rateLimit(UNLIMITED).build();
    warmByTagSource = new ImageSubscriptionSource(warmByTagClient);
    report("coldCacheByTag", timed(warmByTagClient, () -> check(warmByTagSource.discover(cacheByTag, context))), -1);
    report("warmCacheByTag", timed(warmByTagClient, () -> check(warmByTagSource.discover(cacheByTag, context))), -1);
    report("listTags", timed(warmClient,
        () -> warmClient.repository(ImageReference.parse(repoUrl), null, false).listTags()), -1);
  }

  private static OciStats timed(OciClient client, Runnable r) {
    OciStats before = client.stats();
    r.run();
    return client.stats().minus(before);
  }

  private static void report(String scenario, OciStats s, long ms) {
    System.out.println("REQUESTS " + scenario + " requests=" + s.requests() + " cacheHits=" + s.cacheHits()
        + " throttled=" + s.throttled() + (ms >= 0 ? " timeMs=" + ms : ""));
  }

  /** Prints the requests per discovery of the benchmark that ran, then stops the registry. */
  @TearDown(Level.Trial)
  public void stopRegistry() {
    try {
      requests.forEach((name, c) -> System.out.println("REQUESTS " + name + " discoveries=" + c[0]
          + " requestsPerDiscovery=" + (c[0] == 0 ? 0 : (double) c[1] / c[0])
          + " min=" + c[2] + " max=" + c[3] + " cacheHitsPerDiscovery=" + (c[0] == 0 ? 0 : (double) c[4] / c[0])));
    } finally {
      registry.close();
    }
  }

  /** Listing the tags. */
  @Benchmark
  public List<String> listTags() {
    OciStats before = warmClient.stats();
    List<String> tags = warmClient.repository(ImageReference.parse(repoUrl), null, false).listTags();
    count("listTags", warmClient.stats().minus(before));
    return tags;
  }

  /** A discovery by a client with empty caches. */
  @Benchmark
  public DiscoveredArtifacts discoverCold() {
    OciClient client = OciClient.builder().rateLimit(UNLIMITED).build();
    DiscoveredArtifacts a = new ImageSubscriptionSource(client).discover(subscription, context);
    count("discoverCold", client.stats());
    return check(a);
  }

  /** A discovery by a client that discovered the same repository before. */
  @Benchmark
  public DiscoveredArtifacts discoverWarm() {
    OciStats before = warmClient.stats();
    DiscoveredArtifacts a = warmSource.discover(subscription, context);
    count("discoverWarm", warmClient.stats().minus(before));
    return check(a);
  }

  /** The same with {@code cacheByTag: true}. */
  @Benchmark
  public DiscoveredArtifacts discoverWarmCacheByTag() {
    OciStats before = warmByTagClient.stats();
    DiscoveredArtifacts a = warmByTagSource.discover(cacheByTag, context);
    count("discoverWarmCacheByTag", warmByTagClient.stats().minus(before));
    return check(a);
  }

  private void count(String name, OciStats s) {
    long[] c = requests.computeIfAbsent(name, k -> new long[] {0, 0, Long.MAX_VALUE, 0, 0});
    c[0]++;
    c[1] += s.requests();
    c[2] = Math.min(c[2], s.requests());
    c[3] = Math.max(c[3], s.requests());
    c[4] += s.cacheHits();
  }

  private DiscoveredArtifacts check(DiscoveredArtifacts a) {
    List<String> found = new ArrayList<>();
    for (DiscoveredImageReference r : a.images().get(0).references()) {
      found.add(r.tag());
    }
    if (!found.equals(expected)) {
      throw new IllegalStateException("discovered " + found + ", expected " + expected);
    }
    return a;
  }

  // ------------------------------------------------------------------ setup: pushing the tags

  private void push(List<String> tags, Set<String> distinct) throws Exception {
    String layerDigest;
    byte[] layer = OciRegistry.tarGz(Map.of("content.txt", "guestbook".getBytes(StandardCharsets.UTF_8)));
    layerDigest = registry.pushBlob(REPOSITORY, layer);
    byte[] sharedConfig = config(Instant.parse("2024-01-01T00:00:00Z"), layerDigest);
    String sharedConfigDigest = registry.pushBlob(REPOSITORY, sharedConfig);
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      Instant t0 = Instant.parse("2024-02-01T00:00:00Z");
      for (int i = 0; i < tags.size(); i++) {
        String tag = tags.get(i);
        Instant created = t0.plusSeconds(i * 60L);
        done.add(pool.submit(() -> {
          String configDigest = sharedConfigDigest;
          int configSize = sharedConfig.length;
          if (distinct.contains(tag)) {
            byte[] own = config(created, layerDigest);
            configDigest = registry.pushBlob(REPOSITORY, own);
            configSize = own.length;
          }
          putManifest(http, tag, manifest(configDigest, configSize, layerDigest, layer.length, tag));
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] config(Instant created, String layerDigest) {
    return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"" + created
        + "\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] manifest(String configDigest, int configSize, String layerDigest, int layerSize, String tag) {
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + OciRegistry.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + OciRegistry.OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":" + configSize
        + "},\"layers\":[{\"mediaType\":\"" + OciRegistry.OCI_LAYER + "\",\"digest\":\"" + layerDigest
        + "\",\"size\":" + layerSize + "}],\"annotations\":{\"org.opencontainers.image.version\":\"" + tag + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private void putManifest(HttpClient http, String tag, byte[] body) {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/" + REPOSITORY
            + "/manifests/" + tag))
        .header("Content-Type", OciRegistry.OCI_MANIFEST)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("PUT manifest " + tag + ": HTTP " + r.statusCode() + " " + r.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("PUT manifest " + tag, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The discovery context: no credentials (the registry is anonymous), the system clock. */
  private static final class BenchContext implements DiscoveryContext {
    private static final Logger LOG = LoggerFactory.getLogger("kargo4j.bench.discovery");

    @Override
    public String project() {
      return "kargo-advanced";
    }

    @Override
    public String warehouse() {
      return "guestbook";
    }

    @Override
    public Optional<DiscoveredArtifacts> previous() {
      return Optional.empty();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T capability(Capability<T> capability) {
      if (capability == Capability.CREDENTIALS) {
        return (T) CredentialsProvider.NONE;
      }
      throw new IllegalArgumentException("capability not supplied: " + capability);
    }

    @Override
    public Logger logger() {
      return LOG;
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }
  }
}
