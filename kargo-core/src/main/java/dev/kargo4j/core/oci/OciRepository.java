package dev.kargo4j.core.oci;

import dev.kargo4j.core.oci.OciException.Reason;
import dev.kargo4j.core.oci.internal.OciContent;
import dev.kargo4j.core.oci.internal.RegistryTransport;
import dev.kargo4j.core.oci.internal.RegistryTransport.Response;
import dev.kargo4j.core.oci.internal.RegistryTransport.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One repository of a registry, with the credentials and TLS setting it is accessed with;
 * obtained from {@link OciClient#repository}. Cheap to create; shares its client's caches.
 *
 * <p>Thread-safe.
 */
public final class OciRepository {
  /** What a manifest request accepts, most specific first. */
  static final List<String> MANIFEST_TYPES = List.of(
      OciImage.OCI_INDEX, OciImage.DOCKER_MANIFEST_LIST, OciImage.OCI_MANIFEST, OciImage.DOCKER_MANIFEST);
  private static final long MAX_MANIFEST = 4L * 1024 * 1024;
  private static final long MAX_CONFIG = 8L * 1024 * 1024;
  private static final int MAX_PAGES = 10_000;
  private static final Pattern NEXT_LINK = Pattern.compile("<?([^<>;\\s]+)>?\\s*;[^,]*rel=\"?next\"?");
  private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  private final OciClient client;
  private final Target target;
  private final RegistryTransport transport;

  OciRepository(OciClient client, Target target) {
    this.client = client;
    this.target = target;
    this.transport = client.transport();
  }

  /** The repository. */
  public ImageReference reference() {
    return target.ref();
  }

  /**
   * Every tag of the repository, in the registry's order, following {@code Link} pagination.
   *
   * @throws OciException when the repository does not exist ({@link Reason#NOT_FOUND}), access
   *     is refused, or the registry cannot be reached
   */
  public List<String> listTags() {
    String path = "/v2/" + target.ref().repository() + "/tags/list"
        + (client.tagPageSize() > 0 ? "?n=" + client.tagPageSize() : "");
    List<String> tags = new ArrayList<>();
    Set<String> seenLinks = new HashSet<>();
    long limit = client.maxTagListBytes();
    long total = 0;
    for (int page = 0; page < MAX_PAGES; page++) {
      Response r = transport.send(target, "GET", path, List.of("application/json"), limit);
      if (r.status() != 200) {
        throw failure(r, "listing the tags of " + target.ref());
      }
      // one budget for all pages, so that a registry cannot page without end
      total += r.body().length;
      if (total > limit) {
        throw invalid(r, "the tag list of " + target.ref() + " is more than " + limit
            + " bytes (OciClient.Builder.maxTagListBytes)");
      }
      try {
        tags.addAll(OciContent.tags(r.body()));
      } catch (OciContent.BadContentException e) {
        throw invalid(r, "the tag list of " + target.ref() + " is invalid: " + e.getMessage());
      }
      String next = nextLink(r);
      if (next == null) {
        return tags;
      }
      String absolute = r.uri().resolve(next).toString();
      if (!seenLinks.add(absolute)) {
        throw invalid(r, "the tag list of " + target.ref() + " paginates in a loop");
      }
      path = absolute;
    }
    throw invalid(null, "the tag list of " + target.ref() + " has more than " + MAX_PAGES + " pages");
  }

  private static String nextLink(Response r) {
    for (String link : r.headers().allValues("Link")) {
      Matcher m = NEXT_LINK.matcher(link);
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }

  /**
   * The digest {@code tag} points to now (one {@code HEAD} request), or empty when the tag does
   * not exist.
   */
  public Optional<String> digest(String tag) {
    checkTag(tag);
    Response r = transport.send(target, "HEAD", "/v2/" + target.ref().repository() + "/manifests/" + tag,
        MANIFEST_TYPES, 0);
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (r.status() != 200) {
      throw failure(r, "resolving tag " + tag + " of " + target.ref());
    }
    String digest = r.header("Docker-Content-Digest");
    if (isDigest(digest)) {
      return Optional.of(digest);
    }
    // the registry did not say: get the manifest and hash it
    Response g = getManifest(tag);
    if (g.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(digestOf(g));
  }

  /**
   * The image {@code reference} (a tag or a digest) points to. A tag seen before costs one
   * {@code HEAD} when its manifest is cached by digest; a new tag costs a {@code GET} of its
   * manifest (plus its config, or its platforms' manifests and configs, unless cached).
   *
   * @throws OciException with {@link Reason#NOT_FOUND} when there is no such tag or digest
   */
  public OciImage image(String reference) {
    return image(reference, false);
  }

  /**
   * {@link #image(String)}, also looking up and recording the answer by tag when
   * {@code cacheByTag} (Kargo's {@code cacheByTag}: safe only for immutable tags; a cached tag
   * costs no request at all).
   */
  public OciImage image(String reference, boolean cacheByTag) {
    return findImage(reference, cacheByTag).orElseThrow(() -> new OciException(target.ref().toString(),
        Reason.NOT_FOUND, 404, "no image " + reference + " in " + target.ref(), null));
  }

  /** {@link #image(String, boolean)}, or empty when the tag or digest does not exist. */
  public Optional<OciImage> findImage(String reference, boolean cacheByTag) {
    Objects.requireNonNull(reference, "reference");
    if (reference.contains(":")) {
      checkDigest(reference);
      return byDigest(reference, null);
    }
    checkTag(reference);
    String tagKey = target.ref().endpoint() + "/" + target.ref().repository() + ":" + reference;
    if (cacheByTag) {
      OciImage cached = client.imagesByTag().get(tagKey);
      if (cached != null) {
        client.hit();
        return Optional.of(cached);
      }
    }
    Optional<OciImage> img;
    String seen = client.tagDigests().get(tagKey);
    if (seen == null || seen.isEmpty()) {
      // a tag not seen before: one GET gives both the digest and the manifest
      Response g = getManifest(reference);
      if (g.status() == 404) {
        return Optional.empty();
      }
      img = byDigest(digestOf(g), g);
    } else {
      // a tag seen before may have moved: a HEAD tells, the manifest is cached by digest
      Optional<String> digest = digest(reference);
      if (digest.isEmpty()) {
        client.tagDigests().put(tagKey, "");
        return Optional.empty();
      }
      img = byDigest(digest.get(), null);
    }
    img.ifPresent(i -> client.tagDigests().put(tagKey, i.digest()));
    if (cacheByTag && img.isPresent()) {
      client.imagesByTag().put(tagKey, img.get());
    }
    return img;
  }

  private Response getManifest(String reference) {
    Response r = transport.send(target, "GET", "/v2/" + target.ref().repository() + "/manifests/" + reference,
        MANIFEST_TYPES, MAX_MANIFEST);
    if (r.status() != 200 && r.status() != 404) {
      throw failure(r, "getting manifest " + reference + " of " + target.ref());
    }
    return r;
  }

  private String digestOf(Response r) {
    String digest = r.header("Docker-Content-Digest");
    if (!isDigest(digest) || !RegistryTransport.matchesDigest(digest, r.body())) {
      digest = "sha256:" + RegistryTransport.sha256Hex(r.body());
    }
    return digest;
  }

  private Optional<OciImage> byDigest(String digest, Response prefetched) {
    OciImage cached = client.imagesByDigest().get(digest);
    if (cached != null) {
      client.hit();
      return Optional.of(cached);
    }
    Response r = prefetched != null ? prefetched : getManifest(digest);
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (!RegistryTransport.matchesDigest(digest, r.body())) {
      throw invalid(r, "manifest " + digest + " of " + target.ref() + " does not match its digest");
    }
    OciContent.Manifest m;
    try {
      m = OciContent.manifest(r.body(), r.header("Content-Type"));
    } catch (OciContent.BadContentException e) {
      throw invalid(r, "manifest " + digest + " of " + target.ref() + " is invalid: " + e.getMessage());
    }
    OciImage img = m.isIndex() ? fromIndex(digest, m) : fromManifest(digest, m);
    client.imagesByDigest().put(digest, img);
    return Optional.of(img);
  }

  private OciImage fromIndex(String digest, OciContent.Manifest m) {
    List<OciPlatformImage> platforms = new ArrayList<>();
    Instant newest = null;
    for (OciContent.Descriptor d : m.manifests()) {
      if (d.platform() == null || !d.platform().isKnown()) {
        continue; // attestations and the like
      }
      OciImage sub = byDigest(d.digest(), null).orElseThrow(() -> new OciException(target.ref().toString(),
          Reason.NOT_FOUND, 404, "index " + digest + " of " + target.ref() + " lists manifest " + d.digest()
          + " (" + d.platform() + "), which the registry does not have", null));
      Instant created = OciContent.createdFrom(d.annotations());
      if (created == null) {
        created = sub.createdAt();
      }
      if (created != null && (newest == null || created.isAfter(newest))) {
        newest = created;
      }
      platforms.add(new OciPlatformImage(d.platform(), d.digest(), created, d.annotations()));
    }
    if (platforms.isEmpty()) {
      throw new OciException(target.ref().toString(), Reason.INVALID_CONTENT, 200, "index " + digest + " of "
          + target.ref() + " lists no manifest for a known platform; empty indexes are not supported", null);
    }
    Instant created = OciContent.createdFrom(m.annotations());
    return new OciImage(digest, m.mediaType(), created != null ? created : newest, m.annotations(), Map.of(), platforms);
  }

  private OciImage fromManifest(String digest, OciContent.Manifest m) {
    OciContent.ImageConfig cfg = config(m.config().digest());
    Instant created = OciContent.createdFrom(m.annotations());
    if (created == null) {
      created = cfg.created();
      Instant label = OciContent.createdFrom(cfg.labels());
      if (label != null && (created == null || label.isAfter(created))) {
        created = label;
      }
    }
    List<OciPlatformImage> platforms = cfg.platform() != null && cfg.platform().isKnown()
        ? List.of(new OciPlatformImage(cfg.platform(), digest, created, Map.of()))
        : List.of();
    return new OciImage(digest, m.mediaType(), created, m.annotations(), cfg.labels(), platforms);
  }

  private OciContent.ImageConfig config(String digest) {
    OciContent.ImageConfig cached = client.configsByDigest().get(digest);
    if (cached != null) {
      client.hit();
      return cached;
    }
    Response r = transport.send(target, "GET", "/v2/" + target.ref().repository() + "/blobs/" + digest,
        List.of(), MAX_CONFIG);
    if (r.status() != 200) {
      throw failure(r, "getting config blob " + digest + " of " + target.ref());
    }
    if (!RegistryTransport.matchesDigest(digest, r.body())) {
      throw invalid(r, "config blob " + digest + " of " + target.ref() + " does not match its digest");
    }
    OciContent.ImageConfig cfg;
    try {
      cfg = OciContent.config(r.body());
    } catch (OciContent.BadContentException e) {
      throw invalid(r, "config blob " + digest + " of " + target.ref() + " is invalid: " + e.getMessage());
    }
    client.configsByDigest().put(digest, cfg);
    return cfg;
  }

  private static boolean isDigest(String s) {
    return s != null && s.length() <= 256 && DIGEST.matcher(s).matches();
  }

  private void checkTag(String tag) {
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new OciException(target.ref().toString(), "invalid tag \"" + tag
          + "\"; allowed: up to 128 of [A-Za-z0-9_.-], not starting with '.' or '-'");
    }
  }

  private void checkDigest(String digest) {
    if (!isDigest(digest)) {
      throw new OciException(target.ref().toString(), "invalid digest \"" + digest
          + "\"; allowed: <algorithm>:<hex>, e.g. sha256:...");
    }
  }

  private OciException failure(Response r, String doing) {
    String detail = OciContent.errors(r.body());
    Reason reason = switch (r.status()) {
      case 404 -> Reason.NOT_FOUND;
      case 403 -> Reason.DENIED;
      case 429 -> Reason.TOO_MANY_REQUESTS;
      default -> Reason.HTTP_STATUS;
    };
    String hint = switch (reason) {
      case DENIED -> "; the credentials are not allowed to read it";
      case TOO_MANY_REQUESTS -> "; the registry's rate limit was hit, lower the client's rate limit or add credentials";
      default -> "";
    };
    return new OciException(target.ref().toString(), reason, r.status(), "registry " + target.ref().endpoint()
        + " answered HTTP " + r.status() + " when " + doing + (detail.isEmpty() ? "" : " (" + detail + ")") + hint, null);
  }

  private OciException invalid(Response r, String message) {
    return new OciException(target.ref().toString(), Reason.INVALID_CONTENT, r == null ? 0 : r.status(),
        "registry " + target.ref().endpoint() + ": " + message, null);
  }

  @Override
  public String toString() {
    return "OciRepository[" + target + "]";
  }
}
