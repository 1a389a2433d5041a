package dev.kargo4j.core.discovery;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.discovery.internal.ChartIndex;
import dev.kargo4j.core.model.ChartDiscoveryResult;
import dev.kargo4j.core.model.ChartSubscription;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.oci.ImageReference;
import dev.kargo4j.core.oci.OciClient;
import dev.kargo4j.core.semver.InvalidSemVerException;
import dev.kargo4j.core.semver.SemVer;
import dev.kargo4j.core.semver.SemVerConstraint;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.DiscoveryContext;
import dev.kargo4j.core.spi.SubscriptionSource;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Discovers Helm chart versions for {@code chart} subscriptions, as Kargo does:
 *
 * <ul>
 *   <li>{@code http(s)://} repositories: the versions of chart {@code name} in
 *       {@code <repoURL>/index.yaml} that read as (loose) semantic versions;
 *   <li>{@code oci://} repositories: the tags of the repository (the chart is its last path
 *       component) that read as strict semantic versions once {@code _} is turned back into
 *       {@code +}, as Helm writes build metadata into tags.
 * </ul>
 *
 * <p>Versions satisfying {@code semverConstraint} (all when empty) are kept, greatest first,
 * at most {@code discoveryLimit}, with the text the repository uses. Credentials come from the
 * {@link Capability#CREDENTIALS} provider with type {@code helm}. An HTTP index that did not
 * change costs one {@code 304}.
 *
 * <p>Thread-safe. The no-argument constructor (for {@link java.util.ServiceLoader}) builds its
 * clients on first use, the OCI one with the discovery's clock and Kargo's default rate limit
 * (which refills as that clock advances: with a stopped clock in tests, pass your own client).
 */
public final class ChartSubscriptionSource implements SubscriptionSource {
  /** The subscription type. */
  public static final String TYPE = "chart";

  private volatile OciClient oci;
  private final ChartIndex index;

  /** A source with its own HTTP and OCI clients. */
  public ChartSubscriptionSource() {
    this(null, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build());
  }

  /**
   * A source that reads OCI repositories with {@code oci} (null: its own, built on first use)
   * and HTTP repositories with {@code http} (redirects are followed by the source, which drops
   * credentials across hosts, so the client should follow none).
   */
  public ChartSubscriptionSource(OciClient oci, HttpClient http) {
    this(oci, http, Duration.ofSeconds(30), ChartIndex.DEFAULT_MAX_INDEX_BYTES);
  }

  /**
   * {@link #ChartSubscriptionSource(OciClient, HttpClient)} with the bound of one
   * {@code index.yaml} exchange, body included (default 30 s), and the largest index read
   * (default 32 MiB; reading stops there and discovery fails naming the limit).
   */
  public ChartSubscriptionSource(OciClient oci, HttpClient http, Duration indexTimeout, long maxIndexBytes) {
    this.oci = oci;
    if (maxIndexBytes <= 0) {
      throw new IllegalArgumentException("maxIndexBytes must be positive, got " + maxIndexBytes);
    }
    this.index = new ChartIndex(Objects.requireNonNull(http, "http"), indexTimeout, maxIndexBytes);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(Capability.CREDENTIALS);
  }

  /** HTTP requests sent to chart repositories' {@code index.yaml} so far (OCI requests are counted by the OCI client). */
  public long indexRequests() {
    return index.requests();
  }

  private OciClient oci(DiscoveryContext context) {
    OciClient c = oci;
    if (c == null) {
      synchronized (this) {
        c = oci;
        if (c == null) {
          c = OciClient.builder().clock(context.clock()).build();
          oci = c;
        }
      }
    }
    return c;
  }

  @Override
  public DiscoveredArtifacts discover(Subscription subscription, DiscoveryContext context) {
    if (!(subscription instanceof ChartSubscription sub)) {
      throw new KargoException("the chart subscription source cannot discover a '" + subscription.type()
          + "' subscription");
    }
    String where = "chart subscription " + sub.repoURL() + (sub.chartName().isEmpty() ? "" : " (" + sub.chartName() + ")");
    SemVerConstraint constraint = null;
    if (!sub.semverConstraint().isEmpty()) {
      try {
        constraint = SemVerConstraint.parse(sub.semverConstraint());
      } catch (InvalidSemVerException e) {
        throw new KargoException(where + ": semverConstraint: " + e.getMessage(), e);
      }
    }
    Credentials creds = context.capability(Capability.CREDENTIALS)
        .credentials(CredentialType.HELM, sub.repoURL()).orElse(null);
    List<SemVer> versions = new ArrayList<>();
    if (sub.repoURL().startsWith("oci://")) {
      for (String tag : oci(context).repository(ImageReference.parse(sub.repoURL()), creds, sub.insecureSkipTLSVerify())
          .listTags()) {
        SemVer.tryParseStrict(tag.replace('_', '+')).ifPresent(versions::add);
      }
    } else if (sub.repoURL().startsWith("http://") || sub.repoURL().startsWith("https://")) {
      for (String v : index.versions(sub.repoURL(), sub.chartName(), creds, sub.insecureSkipTLSVerify())) {
        SemVer.tryParse(v).ifPresent(versions::add);
      }
    } else {
      throw new KargoException(where + ": repository URL \"" + sub.repoURL() + "\" is invalid; allowed: http(s):// or oci://");
    }
    List<SemVer> kept = new ArrayList<>();
    for (SemVer v : versions) {
      if (constraint == null || constraint.check(v)) {
        kept.add(v);
      }
    }
    kept.sort((a, b) -> {
      int c = b.compareTo(a);
      return c != 0 ? c : dev.kargo4j.core.discovery.internal.TagOrder.compareBytes(b.original(), a.original());
    });
    List<String> out = new ArrayList<>();
    for (SemVer v : kept) {
      if (out.size() >= sub.discoveryLimit()) {
        break;
      }
      out.add(v.original());
    }
    context.logger().debug("discovered {} version(s) of {}", out.size(), where);
    ChartDiscoveryResult result = new ChartDiscoveryResult(sub.repoURL(), sub.chartName(), sub.semverConstraint(), out,
        sub.name());
    return new DiscoveredArtifacts(null, List.of(), List.of(), List.of(result), List.of());
  }
}
