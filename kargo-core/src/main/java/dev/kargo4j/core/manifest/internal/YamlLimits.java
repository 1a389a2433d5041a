package dev.kargo4j.core.manifest.internal;

/**
 * Limits that make reading untrusted YAML safe.
 *
 * @param maxDocumentCodePoints characters per document (SnakeYAML's code point limit)
 * @param maxInputCodePoints characters per input (file, string or stream)
 * @param maxAliasesForCollections aliases to lists/maps per document
 * @param maxNestingDepth nesting of lists and maps
 * @param maxExpandedNodes nodes a document may have once aliases are expanded
 */
public record YamlLimits(
    int maxDocumentCodePoints,
    long maxInputCodePoints,
    int maxAliasesForCollections,
    int maxNestingDepth,
    long maxExpandedNodes) {}
