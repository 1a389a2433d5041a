package dev.kargo4j.core.discovery.internal;

import dev.kargo4j.core.semver.SemVer;
import dev.kargo4j.core.semver.SemVerConstraint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** How Kargo's tag-based strategies order candidates, best first. Stateless. */
public final class TagOrder {
  private TagOrder() {}

  /**
   * SemVer: keeps the tags that read as versions ({@link SemVer#parseTag}, strictly when
   * {@code strict}) and satisfy {@code constraint} (null for none), greatest version first;
   * equal versions by the tag text, greatest first (byte-wise). The tags keep their text.
   */
  public static List<String> semver(List<String> tags, boolean strict, SemVerConstraint constraint) {
    List<SemVer> versions = new ArrayList<>(tags.size());
    for (String t : tags) {
      SemVer v = SemVer.parseTag(t, strict).orElse(null);
      if (v != null && (constraint == null || constraint.check(v))) {
        versions.add(v);
      }
    }
    versions.sort((a, b) -> {
      int c = b.compareTo(a);
      return c != 0 ? c : compareBytes(b.original(), a.original());
    });
    List<String> out = new ArrayList<>(versions.size());
    for (SemVer v : versions) {
      out.add(v.original());
    }
    return out;
  }

  /** Lexical: greatest first, byte-wise. */
  public static List<String> lexical(List<String> tags) {
    List<String> out = new ArrayList<>(tags);
    out.sort((a, b) -> compareBytes(b, a));
    return out;
  }

  /**
   * NewestBuild: newest {@code createdAt} first (unknown times last), then by tag, greatest
   * first. Sorts {@code items} in place.
   */
  public static <T> void newestFirst(List<T> items, Function<T, Instant> createdAt, Function<T, String> tag) {
    items.sort(Comparator.<T, Instant>comparing(createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(tag, TagOrder::compareBytes)
        .reversed());
  }

  /** Go's string comparison: byte-wise over UTF-8 (for BMP text this is UTF-16 order except surrogates). */
  public static int compareBytes(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean sx = Character.isSurrogate(x);
        boolean sy = Character.isSurrogate(y);
        if (sx != sy) {
          // a surrogate (U+10000 and above) sorts after every BMP character in UTF-8
          return sx ? 1 : -1;
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
