package dev.kargo4j.core.freight;

import dev.kargo4j.core.model.ArtifactReference;
import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.Image;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Kargo's Freight identity ({@code GenerateFreightID}, {@code pkg/api/freight.go}), bit-exact:
 * one part per artifact (commit {@code normGit(url)[:tag]:id}, image
 * {@code url:tag@digest}, chart {@code path.Join(normChart(url), name):version}, each followed
 * by {@code :subscriptionName} when set; generic {@code type:subscription:version}), parts
 * sorted byte-wise and joined with {@code |}, prefixed by {@code kind/name:}, hashed with SHA-1
 * as 40 lowercase hex characters. Also Kargo's FreightCollection IDs.
 *
 * <p>Stateless and thread-safe.
 */
public final class FreightIds {
  private FreightIds() {}

  /** The ID (name) Kargo gives {@code freight}; its name and status are ignored. */
  public static String generate(Freight freight) {
    return generate(
        freight.origin(), freight.commits(), freight.images(), freight.charts(), freight.artifacts());
  }

  /** The ID of Freight with the given origin and artifacts (any list may be empty). */
  public static String generate(
      FreightOrigin origin,
      List<GitCommit> commits,
      List<Image> images,
      List<Chart> charts,
      List<ArtifactReference> artifacts) {
    return sha1(preimage(origin, commits, images, charts, artifacts));
  }

  /** The string that is hashed into the ID; useful to explain an ID. */
  public static String preimage(
      FreightOrigin origin,
      List<GitCommit> commits,
      List<Image> images,
      List<Chart> charts,
      List<ArtifactReference> artifacts) {
    List<String> parts = new ArrayList<>();
    for (GitCommit c : commits) {
      String base =
          c.tag().isEmpty()
              ? RepoUrls.normalizeGit(c.repoURL()) + ":" + c.id()
              : RepoUrls.normalizeGit(c.repoURL()) + ":" + c.tag() + ":" + c.id();
      parts.add(withSubscription(base, c.subscriptionName()));
    }
    for (Image i : images) {
      parts.add(withSubscription(i.repoURL() + ":" + i.tag() + "@" + i.digest(), i.subscriptionName()));
    }
    for (Chart c : charts) {
      String base = GoPaths.join(RepoUrls.normalizeChart(c.repoURL()), c.name()) + ":" + c.version();
      parts.add(withSubscription(base, c.subscriptionName()));
    }
    for (ArtifactReference a : artifacts) {
      parts.add(a.artifactType() + ":" + a.subscriptionName() + ":" + a.version());
    }
    parts.sort(FreightCollection::compareBytes);
    return origin.toString() + ":" + String.join("|", parts);
  }

  /** Kargo's FreightCollection ID for the given Freight names (see {@link FreightCollection#computeId}). */
  public static String collectionId(Collection<String> freightNames) {
    return FreightCollection.computeId(freightNames);
  }

  private static String withSubscription(String base, String subscriptionName) {
    return subscriptionName.isEmpty() ? base : base + ":" + subscriptionName;
  }

  static String sha1(String text) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(sha1.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
  }
}
