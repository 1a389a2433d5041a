package dev.kargo4j.steps.kustomize;

/**
 * Bounds on what {@code kustomize-build} reads while it checks a Kustomization tree before the
 * tool runs, so that a hostile repository cannot make the check itself exhaust memory or time.
 * A tree beyond a bound is refused with a {@link KustomizeException} naming the bound and this
 * class; it is never passed to kustomize unchecked. Immutable and thread-safe.
 *
 * @param maxFileBytes the largest Kustomization or plugin config file read, in bytes; default
 *     {@value #DEFAULT_MAX_FILE_BYTES}
 * @param maxTotalBytes the most YAML parsed for one build (files and inline plugin configs
 *     together), in bytes; default {@value #DEFAULT_MAX_TOTAL_BYTES}
 * @param maxDocuments the most YAML documents in one file or inline config; default
 *     {@value #DEFAULT_MAX_DOCUMENTS}
 * @param maxAliases the most aliases to collections in one YAML document; default
 *     {@value #DEFAULT_MAX_ALIASES}
 * @param maxNestingDepth the deepest nesting of collections in one YAML document; default
 *     {@value #DEFAULT_MAX_NESTING_DEPTH}
 * @param maxKustomizations the most Kustomizations (bases, components, plugin directories) in
 *     one tree; default {@value #DEFAULT_MAX_KUSTOMIZATIONS}
 * @param maxDepth the longest chain of Kustomizations including one another; default
 *     {@value #DEFAULT_MAX_DEPTH}
 * @param maxScannedEntries the most directory entries looked at while searching referenced
 *     folders and chart homes for symbolic links that leave the work directory; default
 *     {@value #DEFAULT_MAX_SCANNED_ENTRIES}
 * @param remoteResources whether {@code resources}/{@code components}/{@code bases} may name
 *     remote (git or http) Kustomizations, as in Kargo; kustomize confines a cloned repository
 *     to itself, but a Helm chart inside one is rendered by helm, which follows the clone's
 *     symbolic links. Default true; {@code file:} URLs are refused either way
 */
public record KustomizationLimits(long maxFileBytes, long maxTotalBytes, int maxDocuments, int maxAliases,
    int maxNestingDepth, int maxKustomizations, int maxDepth, int maxScannedEntries, boolean remoteResources) {

  /** Default of {@link #maxFileBytes()}: 2 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 2L * 1024 * 1024;
  /** Default of {@link #maxTotalBytes()}: 64 MiB. */
  public static final long DEFAULT_MAX_TOTAL_BYTES = 64L * 1024 * 1024;
  /** Default of {@link #maxDocuments()}. */
  public static final int DEFAULT_MAX_DOCUMENTS = 1000;
  /** Default of {@link #maxAliases()}. */
  public static final int DEFAULT_MAX_ALIASES = 50;
  /** Default of {@link #maxNestingDepth()}. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
  /** Default of {@link #maxKustomizations()}. */
  public static final int DEFAULT_MAX_KUSTOMIZATIONS = 1000;
  /** Default of {@link #maxDepth()}. */
  public static final int DEFAULT_MAX_DEPTH = 64;
  /** Default of {@link #maxScannedEntries()}. */
  public static final int DEFAULT_MAX_SCANNED_ENTRIES = 100_000;

  /** The defaults. */
  public static final KustomizationLimits DEFAULTS = new KustomizationLimits(DEFAULT_MAX_FILE_BYTES,
      DEFAULT_MAX_TOTAL_BYTES, DEFAULT_MAX_DOCUMENTS, DEFAULT_MAX_ALIASES, DEFAULT_MAX_NESTING_DEPTH,
      DEFAULT_MAX_KUSTOMIZATIONS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_SCANNED_ENTRIES, true);

  /**
   * @throws IllegalArgumentException when a bound is not positive
   */
  public KustomizationLimits {
    positive(maxFileBytes, "maxFileBytes");
    positive(maxTotalBytes, "maxTotalBytes");
    positive(maxDocuments, "maxDocuments");
    positive(maxAliases, "maxAliases");
    positive(maxNestingDepth, "maxNestingDepth");
    positive(maxKustomizations, "maxKustomizations");
    positive(maxDepth, "maxDepth");
    positive(maxScannedEntries, "maxScannedEntries");
    if (maxFileBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxFileBytes must be below 2 GiB: " + maxFileBytes);
    }
  }

  private static void positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  /** These limits with {@link #maxFileBytes()} changed. */
  public KustomizationLimits withMaxFileBytes(long value) {
    return new KustomizationLimits(value, maxTotalBytes, maxDocuments, maxAliases, maxNestingDepth,
        maxKustomizations, maxDepth, maxScannedEntries, remoteResources);
  }

  /** These limits with {@link #maxTotalBytes()} changed. */
  public KustomizationLimits withMaxTotalBytes(long value) {
    return new KustomizationLimits(maxFileBytes, value, maxDocuments, maxAliases, maxNestingDepth,
        maxKustomizations, maxDepth, maxScannedEntries, remoteResources);
  }

  /** These limits with {@link #maxKustomizations()} changed. */
  public KustomizationLimits withMaxKustomizations(int value) {
    return new KustomizationLimits(maxFileBytes, maxTotalBytes, maxDocuments, maxAliases, maxNestingDepth,
        value, maxDepth, maxScannedEntries, remoteResources);
  }

  /** These limits with {@link #maxDepth()} changed. */
  public KustomizationLimits withMaxDepth(int value) {
    return new KustomizationLimits(maxFileBytes, maxTotalBytes, maxDocuments, maxAliases, maxNestingDepth,
        maxKustomizations, value, maxScannedEntries, remoteResources);
  }

  /** These limits with {@link #maxScannedEntries()} changed. */
  public KustomizationLimits withMaxScannedEntries(int value) {
    return new KustomizationLimits(maxFileBytes, maxTotalBytes, maxDocuments, maxAliases, maxNestingDepth,
        maxKustomizations, maxDepth, value, remoteResources);
  }

  /** These limits with {@link #remoteResources()} changed. */
  public KustomizationLimits withRemoteResources(boolean value) {
    return new KustomizationLimits(maxFileBytes, maxTotalBytes, maxDocuments, maxAliases, maxNestingDepth,
        maxKustomizations, maxDepth, maxScannedEntries, value);
  }
}
