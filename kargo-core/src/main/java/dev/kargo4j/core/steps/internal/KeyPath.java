package dev.kargo4j.core.steps.internal;

import dev.kargo4j.expr.go.GoStrconv;
import java.util.ArrayList;
import java.util.List;

/**
 * Kargo's dot-notation key paths for YAML ({@code pkg/sjson.SplitKey}): {@code .} separates
 * parts, {@code \.} and {@code \:} escape a dot or a colon, and a colon is allowed only at the
 * start of a part, where it is dropped (it marks a numeric-looking part as a map key).
 * Stateless and thread-safe.
 */
public final class KeyPath {
  private KeyPath() {}

  /**
   * Splits {@code key} into its parts.
   *
   * @throws IllegalArgumentException with Kargo's wording: {@code empty key},
   *     {@code empty key part in key "..."}, {@code unexpected colon in key "..."},
   *     {@code invalid escape sequence in key "..."}
   */
  public static List<String> split(String key) {
    String k = key.strip();
    if (k.isEmpty()) {
      throw new IllegalArgumentException("empty key");
    }
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean escaped = false;
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      if (!escaped) {
        switch (c) {
          case '\\' -> escaped = true;
          case '.' -> {
            if (current.length() == 0) {
              throw new IllegalArgumentException("empty key part in key " + GoStrconv.quote(k));
            }
            parts.add(current.toString());
            current.setLength(0);
          }
          case ':' -> {
            if (current.length() > 0) {
              throw new IllegalArgumentException("unexpected colon in key " + GoStrconv.quote(k));
            }
          }
          default -> current.append(c);
        }
        continue;
      }
      if (c == '.' || c == ':') {
        current.append(c);
        escaped = false;
      } else {
        throw new IllegalArgumentException("invalid escape sequence in key " + GoStrconv.quote(k));
      }
    }
    if (current.length() == 0) {
      throw new IllegalArgumentException("empty key part in key " + GoStrconv.quote(k));
    }
    parts.add(current.toString());
    return List.copyOf(parts);
  }
}
