package dev.kargo4j.core.manifest.internal;

import dev.kargo4j.core.internal.BoundedYaml;

/**
 * Limits that make reading untrusted YAML safe.
 *
 * @param maxDocumentCodePoints characters per document (SnakeYAML's code point limit)
 * @param maxInputCodePoints characters per input (file, string or stream)
 * @param maxAliasesForCollections aliases to lists/maps per document
 * @param maxNestingDepth nesting of lists and maps
 * @param maxExpandedNodes nodes a document may have once aliases are expanded
 * @param maxAliasExpansion how much a document may grow once aliases are expanded (see
 *     {@link BoundedYaml.Limits})
 */
public record YamlLimits(
    int maxDocumentCodePoints,
    long maxInputCodePoints,
    int maxAliasesForCollections,
    int maxNestingDepth,
    long maxExpandedNodes,
    long maxAliasExpansion) {

  /** The per-document limits for {@link BoundedYaml}. */
  public BoundedYaml.Limits reader() {
    return new BoundedYaml.Limits(maxDocumentCodePoints, maxAliasesForCollections, maxNestingDepth,
        maxExpandedNodes, maxAliasExpansion);
  }
}
