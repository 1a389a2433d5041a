package dev.kargo4j.core.manifest;

/**
 * A warning about a manifest that was still read, typically a deprecated field that was mapped
 * to its replacement. {@link #toString()} is {@code <source>:<line>: <path>: <message>}.
 *
 * <p>Immutable and thread-safe.
 */
public record ManifestWarning(String source, int line, String path, String message) {
  @Override
  public String toString() {
    return InvalidManifestException.format(source, line, path, message);
  }
}
