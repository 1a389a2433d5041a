package dev.kargo4j.core.steps;

import dev.kargo4j.core.internal.BoundedYaml;
import dev.kargo4j.core.steps.internal.DocumentValues;

/**
 * Limits on the YAML and JSON documents the built-in steps read ({@code yaml-parse},
 * {@code json-parse}, {@code yaml-update}, {@code json-update}, {@code yaml-merge}, and YAML or
 * JSON responses of {@code http}). Documents come from repositories and remote servers, so
 * they are untrusted: without limits a 480-byte YAML alias bomb expands to a billion nodes.
 * A document past a limit fails the step with a {@link dev.kargo4j.KargoException} naming the
 * file (or response) and the limit. Kargo itself has no such limits; the defaults are far
 * above what real values files, manifests and API responses need.
 *
 * <p>A host changes them by registering the step runners built with its own limits, e.g.
 * {@code StepRegistry.of(new YamlParser(limits), ...)}. Immutable and thread-safe.
 *
 * @param maxDocumentBytes size of one file (in bytes) or document (in characters); default
 *     16 MiB
 * @param maxAliasesForCollections YAML aliases to lists or maps in one document; default 1,000
 * @param maxNestingDepth nesting of lists and maps, counted with aliases expanded; default 256
 * @param maxAliasExpansion how much a YAML document may grow when its aliases are expanded,
 *     counting 64 per node plus the characters of every scalar (so about 65,000 extra nodes or
 *     4 Mi extra characters); a document without aliases never grows; default 4 Mi
 */
public record DocumentLimits(int maxDocumentBytes, int maxAliasesForCollections, int maxNestingDepth,
    long maxAliasExpansion) {
  /** The defaults: 16 MiB, 1,000 aliases, depth 256, 4 Mi of alias expansion. */
  public static final DocumentLimits DEFAULTS = new DocumentLimits(
      DocumentValues.DEFAULT_LIMITS.maxDocumentChars(), DocumentValues.DEFAULT_LIMITS.maxAliasesForCollections(),
      DocumentValues.DEFAULT_LIMITS.maxNestingDepth(), DocumentValues.DEFAULT_LIMITS.maxAliasExpansion());

  /**
   * Checks every limit is positive.
   *
   * @throws IllegalArgumentException when one is not
   */
  public DocumentLimits {
    reader(maxDocumentBytes, maxAliasesForCollections, maxNestingDepth, maxAliasExpansion);
  }

  /** The limits of kargo-core's bounded YAML reader. */
  BoundedYaml.Limits reader() {
    return reader(maxDocumentBytes, maxAliasesForCollections, maxNestingDepth, maxAliasExpansion);
  }

  private static BoundedYaml.Limits reader(int bytes, int aliases, int depth, long expansion) {
    // nodes are bounded through the expansion limit (each counts one), so no separate node limit
    return new BoundedYaml.Limits(bytes, aliases, depth, Long.MAX_VALUE, expansion);
  }
}
