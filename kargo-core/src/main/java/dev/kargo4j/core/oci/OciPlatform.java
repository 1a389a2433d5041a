package dev.kargo4j.core.oci;

import java.util.Objects;

/**
 * An image platform {@code os/architecture[/variant]}, e.g. {@code linux/arm64/v8}, as an
 * image index lists it and as Kargo's {@code platform} field selects it. Matching is exact on
 * all three parts (an absent variant only matches an absent variant), as in Kargo.
 *
 * <p>Immutable and thread-safe.
 *
 * @param os the operating system, e.g. {@code linux}
 * @param architecture the CPU architecture, e.g. {@code amd64}
 * @param variant the CPU variant, e.g. {@code v8}; empty when absent
 */
public record OciPlatform(String os, String architecture, String variant) {

  /** Null becomes empty. */
  public OciPlatform {
    os = os == null ? "" : os;
    architecture = architecture == null ? "" : architecture;
    variant = variant == null ? "" : variant;
  }

  /**
   * Parses {@code os/arch} or {@code os/arch/variant}.
   *
   * @throws OciException when the text has fewer than two parts
   */
  public static OciPlatform parse(String text) {
    Objects.requireNonNull(text, "text");
    String[] parts = text.split("/", 3);
    if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new OciException(text, "invalid platform \"" + text
          + "\"; allowed: <os>/<arch>[/<variant>], e.g. linux/amd64 or linux/arm64/v8");
    }
    return new OciPlatform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }

  /** Whether {@code other} is the same platform (all three parts equal). */
  public boolean matches(OciPlatform other) {
    return other != null && os.equals(other.os) && architecture.equals(other.architecture)
        && variant.equals(other.variant);
  }

  /** Whether the platform is known ({@code os} and {@code architecture} set and not {@code unknown}). */
  public boolean isKnown() {
    return !os.isEmpty() && !architecture.isEmpty() && !os.equals("unknown") && !architecture.equals("unknown");
  }

  /** {@code os/arch} or {@code os/arch/variant}. */
  @Override
  public String toString() {
    return variant.isEmpty() ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
  }
}
