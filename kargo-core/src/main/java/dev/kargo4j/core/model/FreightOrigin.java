package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.str;

/**
 * Where Freight comes from: {@code kind} (in Kargo always {@code Warehouse}) and {@code name}.
 * {@link #toString()} is Kargo's {@code kind/name}, the key of a {@link FreightCollection}'s
 * items and the prefix of a Freight ID's pre-image. The record itself accepts any strings (an
 * empty origin is {@code "/"}); manifests are validated to use {@code Warehouse}.
 *
 * <p>Immutable and thread-safe.
 */
public record FreightOrigin(String kind, String name) {
  /** The only kind Kargo defines. */
  public static final String WAREHOUSE = "Warehouse";

  /** Null components become empty strings. */
  public FreightOrigin {
    kind = str(kind);
    name = str(name);
  }

  /** The origin {@code Warehouse/<name>}. */
  public static FreightOrigin warehouse(String name) {
    return new FreightOrigin(WAREHOUSE, name);
  }

  /**
   * Parses {@code Warehouse/<name>}.
   *
   * @throws InvalidModelException unless the text is {@code Warehouse/} followed by a name
   *     without {@code /}
   */
  public static FreightOrigin parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 0
        || !WAREHOUSE.equals(text.substring(0, slash))
        || text.length() == slash + 1
        || text.indexOf('/', slash + 1) >= 0) {
      throw new InvalidModelException(
          "", "invalid Freight origin \"" + text + "\"; allowed: Warehouse/<name>");
    }
    return warehouse(text.substring(slash + 1));
  }

  /** Kargo's string form {@code kind/name}. */
  @Override
  public String toString() {
    return kind + "/" + name;
  }
}
