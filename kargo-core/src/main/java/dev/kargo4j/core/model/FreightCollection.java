package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.map;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Freight a Stage holds at one time, one per origin: {@code items} keyed by
 * {@code "Warehouse/<name>"} (YAML field {@code items}), its {@code id} (SHA-1 of the sorted
 * Freight names joined with {@code ,}, see {@link #computeId}), and its
 * {@code verificationHistory}, newest first, at most 10 entries.
 *
 * <p>Immutable and thread-safe.
 */
public record FreightCollection(
    String id, Map<String, FreightReference> items, List<VerificationInfo> verificationHistory) {

  /** Kargo keeps at most this many verifications per collection. */
  public static final int MAX_VERIFICATION_HISTORY = 10;

  /** Copies, and checks the history length. */
  public FreightCollection {
    id = str(id);
    items = map("items", items);
    verificationHistory = list("verificationHistory", verificationHistory);
    if (verificationHistory.size() > MAX_VERIFICATION_HISTORY) {
      throw new InvalidModelException(
          "verificationHistory",
          "has " + verificationHistory.size() + " entries; allowed: at most "
              + MAX_VERIFICATION_HISTORY);
    }
  }

  /** A new collection of the given Freight, keyed by origin, with its ID computed. */
  public static FreightCollection of(Collection<FreightReference> freight) {
    return new FreightCollection("", Map.of(), List.of()).withFreight(freight);
  }

  /**
   * Kargo's {@code UpdateOrPush}: a copy with the given Freight put under their origins and
   * the ID recomputed.
   */
  public FreightCollection withFreight(Collection<FreightReference> freight) {
    Map<String, FreightReference> copy = new TreeMap<>(items);
    for (FreightReference f : freight) {
      copy.put(f.origin().toString(), f);
    }
    List<String> names = new ArrayList<>();
    for (FreightReference f : copy.values()) {
      names.add(f.name());
    }
    return new FreightCollection(computeId(names), copy, verificationHistory);
  }

  /**
   * Kargo's {@code VerificationInfoStack.UpdateOrPush}: replaces the entry with the same ID or
   * pushes a new one on top, keeping at most 10.
   */
  public FreightCollection withVerification(VerificationInfo info) {
    List<VerificationInfo> copy = new ArrayList<>(verificationHistory);
    boolean found = false;
    for (int i = 0; i < copy.size(); i++) {
      if (copy.get(i).id().equals(info.id())) {
        copy.set(i, info);
        found = true;
        break;
      }
    }
    if (!found) {
      copy.add(0, info);
    }
    while (copy.size() > MAX_VERIFICATION_HISTORY) {
      copy.remove(copy.size() - 1);
    }
    return new FreightCollection(id, items, copy);
  }

  /** Whether a Freight of that name is in the collection. */
  public boolean includes(String freightName) {
    return items.values().stream().anyMatch(f -> f.name().equals(freightName));
  }

  /** The newest verification, or null. */
  public VerificationInfo currentVerification() {
    return verificationHistory.isEmpty() ? null : verificationHistory.get(0);
  }

  /** The references ordered by origin. */
  public List<FreightReference> references() {
    return List.copyOf(items.values());
  }

  /**
   * Kargo's collection ID: lowercase hex SHA-1 of the Freight names sorted byte-wise and
   * joined with {@code ,}.
   */
  public static String computeId(Collection<String> freightNames) {
    List<String> sorted = new ArrayList<>(freightNames);
    sorted.sort(FreightCollection::compareBytes);
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of()
          .formatHex(sha1.digest(String.join(",", sorted).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
  }

  /** Byte-wise (UTF-8) comparison, as Go compares strings. */
  public static int compareBytes(String a, String b) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(x, y);
  }
}
