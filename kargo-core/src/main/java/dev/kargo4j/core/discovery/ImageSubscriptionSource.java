package dev.kargo4j.core.discovery;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.discovery.internal.TagFilter;
import dev.kargo4j.core.discovery.internal.TagOrder;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.DiscoveredImageReference;
import dev.kargo4j.core.model.ImageDiscoveryResult;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.oci.ImageReference;
import dev.kargo4j.core.oci.OciClient;
import dev.kargo4j.core.oci.OciException;
import dev.kargo4j.core.oci.OciImage;
import dev.kargo4j.core.oci.OciPlatform;
import dev.kargo4j.core.oci.OciRepository;
import dev.kargo4j.core.semver.InvalidSemVerException;
import dev.kargo4j.core.semver.SemVerConstraint;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.DiscoveryContext;
import dev.kargo4j.core.spi.SubscriptionSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Discovers container images for {@code image} subscriptions, as Kargo does:
 *
 * <ul>
 *   <li>{@code SemVer} (the default): tags that read as versions ({@code strictSemvers}: full
 *       {@code MAJOR.MINOR.PATCH}, an optional {@code v}) and satisfy {@code constraint},
 *       greatest first;
 *   <li>{@code Lexical}: tags greatest first, byte-wise;
 *   <li>{@code Digest}: the image the mutable tag in {@code constraint} points to now;
 *   <li>{@code NewestBuild}: every tag's image, newest build first (the creation annotation or
 *       label, else the config's creation time).
 * </ul>
 *
 * <p>Tag-based strategies first apply {@code allowTagsRegexes}/{@code ignoreTagsRegexes}; with
 * {@code platform} only images for that platform count (an index entry, or a single image whose
 * config names it). At most {@code discoveryLimit} images are kept, best first; for SemVer and
 * Lexical only that many tags are looked at. {@code cacheByTag} answers a tag's image from the
 * cache without asking the registry (for immutable tags only; ignored by Digest). A tag that is
 * listed but whose manifest is gone is skipped rather than failing the Warehouse.
 *
 * <p>Registry credentials come from the {@link Capability#CREDENTIALS} provider (type
 * {@code image}, the subscription's {@code repoURL}). All subscriptions share one
 * {@link OciClient}, so its digest cache and per-registry rate limit are shared.
 *
 * <p>Thread-safe. The no-argument constructor (for {@link java.util.ServiceLoader}) creates its
 * client on first use with the discovery's clock and Kargo's default rate limit (20 requests
 * per second per registry); the rate limit refills as that clock advances, so a host testing
 * with a stopped clock should pass its own client ({@code RateLimit.UNLIMITED}).
 */
public final class ImageSubscriptionSource implements SubscriptionSource {
  /** The subscription type. */
  public static final String TYPE = "image";

  private volatile OciClient client;

  /** A source that builds its own {@link OciClient} on first use. */
  public ImageSubscriptionSource() {}

  /** A source that uses {@code client} (to share its caches and rate limits, or to configure it). */
  public ImageSubscriptionSource(OciClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(Capability.CREDENTIALS);
  }

  /** The client in use; created on first use by the no-argument constructor. */
  OciClient client(DiscoveryContext context) {
    OciClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = OciClient.builder().clock(context.clock()).build();
          client = c;
        }
      }
    }
    return c;
  }

  @Override
  public DiscoveredArtifacts discover(Subscription subscription, DiscoveryContext context) {
    if (!(subscription instanceof ImageSubscription sub)) {
      throw new KargoException("the image subscription source cannot discover a '" + subscription.type()
          + "' subscription");
    }
    String where = "image subscription " + sub.repoURL();
    OciPlatform platform = sub.platform().isEmpty() ? null : OciPlatform.parse(sub.platform());
    Credentials creds = context.capability(Capability.CREDENTIALS)
        .credentials(CredentialType.IMAGE, sub.repoURL()).orElse(null);
    OciRepository repo = client(context).repository(ImageReference.parse(sub.repoURL()), creds,
        sub.insecureSkipTLSVerify());
    List<DiscoveredImageReference> refs = switch (sub.imageSelectionStrategy()) {
      case DIGEST -> digest(repo, sub, platform);
      case SEMVER -> inOrder(repo, sub, platform,
          TagOrder.semver(filter(sub, where).filter(repo.listTags()), sub.strictSemvers(), constraint(sub, where)));
      case LEXICAL -> inOrder(repo, sub, platform, TagOrder.lexical(filter(sub, where).filter(repo.listTags())));
      case NEWEST_BUILD -> newestBuild(repo, sub, platform, filter(sub, where).filter(repo.listTags()), context);
    };
    context.logger().debug("discovered {} image(s) for {} ({})", refs.size(), sub.repoURL(),
        sub.imageSelectionStrategy().wireName());
    ImageDiscoveryResult result = new ImageDiscoveryResult(sub.repoURL(), sub.platform(), refs, sub.name());
    return new DiscoveredArtifacts(null, List.of(), List.of(result), List.of(), List.of());
  }

  private static TagFilter filter(ImageSubscription sub, String where) {
    return TagFilter.of(sub.allowTagsRegexes(), sub.ignoreTagsRegexes(), where);
  }

  private static SemVerConstraint constraint(ImageSubscription sub, String where) {
    if (sub.constraint().isEmpty()) {
      return null;
    }
    try {
      return SemVerConstraint.parse(sub.constraint());
    } catch (InvalidSemVerException e) {
      throw new KargoException(where + ": constraint: " + e.getMessage(), e);
    }
  }

  private static List<DiscoveredImageReference> digest(OciRepository repo, ImageSubscription sub, OciPlatform platform) {
    Optional<OciImage> img = repo.findImage(sub.constraint(), false);
    if (img.isEmpty() || (platform != null && img.get().platform(platform).isEmpty())) {
      return List.of();
    }
    return List.of(reference(sub.constraint(), img.get(), platform));
  }

  /** Looks at tags in order until {@code discoveryLimit} images for the platform were found. */
  private static List<DiscoveredImageReference> inOrder(OciRepository repo, ImageSubscription sub, OciPlatform platform,
      List<String> tags) {
    List<DiscoveredImageReference> out = new ArrayList<>();
    for (String tag : tags) {
      if (out.size() >= sub.discoveryLimit()) {
        break;
      }
      OciImage img = image(repo, sub, tag);
      if (img != null && (platform == null || img.platform(platform).isPresent())) {
        out.add(reference(tag, img, platform));
      }
    }
    return out;
  }

  private static List<DiscoveredImageReference> newestBuild(OciRepository repo, ImageSubscription sub,
      OciPlatform platform, List<String> tags, DiscoveryContext context) {
    List<DiscoveredImageReference> all = new ArrayList<>();
    for (String tag : tags) {
      OciImage img = image(repo, sub, tag);
      if (img != null && (platform == null || img.platform(platform).isPresent())) {
        all.add(reference(tag, img, platform));
      }
    }
    TagOrder.newestFirst(all, DiscoveredImageReference::createdAt, DiscoveredImageReference::tag);
    return all.size() > sub.discoveryLimit() ? List.copyOf(all.subList(0, sub.discoveryLimit())) : all;
  }

  private static OciImage image(OciRepository repo, ImageSubscription sub, String tag) {
    try {
      return repo.findImage(tag, sub.cacheByTag()).orElse(null);
    } catch (OciException e) {
      if (e.isNotFound()) {
        return null; // listed, but an index entry or blob is gone: skip the tag
      }
      throw e;
    }
  }

  private static DiscoveredImageReference reference(String tag, OciImage img, OciPlatform platform) {
    return new DiscoveredImageReference(tag, img.digest(), img.annotationsFor(platform), img.createdAt());
  }
}
