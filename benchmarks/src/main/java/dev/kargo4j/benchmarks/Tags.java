package dev.kargo4j.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A repeatable list of image tags as a busy repository has them: about 60% versions (a third
 * with a {@code v}, some release candidates; no build metadata, since {@code +} is not
 * allowed in an OCI tag), the rest commit tags
 * ({@code sha-1a2b3c4}), branch builds ({@code main-1234}) and a few moving tags. Sorted as a
 * registry lists them (byte-wise). Stateless.
 */
final class Tags {
  private Tags() {}

  /** {@code n} distinct tags from {@code seed}, sorted byte-wise. */
  static List<String> generate(int n, long seed) {
    Random rnd = new Random(seed);
    Set<String> tags = new LinkedHashSet<>(List.of("latest", "stable", "main", "edge"));
    while (tags.size() < n) {
      int kind = rnd.nextInt(100);
      if (kind < 60) {
        String v = rnd.nextInt(4) + "." + rnd.nextInt(50) + "." + rnd.nextInt(50);
        if (rnd.nextInt(10) == 0) {
          v += "-rc." + (1 + rnd.nextInt(5));
        }
        tags.add(rnd.nextInt(3) == 0 ? "v" + v : v);
      } else if (kind < 85) {
        tags.add("sha-" + String.format("%07x", rnd.nextInt(1 << 28)));
      } else {
        tags.add((rnd.nextBoolean() ? "main-" : "pr-") + rnd.nextInt(100_000));
      }
    }
    List<String> out = new ArrayList<>(tags);
    out.sort(null);
    return out;
  }
}
