package dev.kargo4j.samples.customstep;

import dev.kargo4j.core.spi.ConfigRules;
import java.util.Set;

/**
 * The config of the {@code checksum} step, bound from the rendered {@code config} map of a
 * manifest step; unknown fields and broken rules fail naming the field.
 *
 * <pre>{@code
 * - uses: checksum
 *   as: sum
 *   config:
 *     path: ./out            # a file or a folder, relative to the work directory
 *     algorithm: sha256      # sha256 (default) or sha512
 *     outPath: ./out/SHA256SUMS   # optional: also write the per-file sums there
 * }</pre>
 *
 * @param path the file or folder to digest, relative to the work directory; required
 * @param algorithm {@code sha256} (the default when null) or {@code sha512}
 * @param outPath where to write the per-file sums in {@code sha256sum} format, relative to
 *     the work directory; null to write nothing
 */
public record ChecksumConfig(String path, String algorithm, String outPath) {
  /** The algorithms allowed in {@code algorithm}. */
  public static final Set<String> ALGORITHMS = Set.of("sha256", "sha512");

  /** Checks the rules above; defaults {@code algorithm} to {@code sha256}. */
  public ChecksumConfig {
    ConfigRules.required(path, "path");
    algorithm = algorithm == null ? "sha256" : ConfigRules.oneOf(algorithm, ALGORITHMS, "algorithm");
  }
}
