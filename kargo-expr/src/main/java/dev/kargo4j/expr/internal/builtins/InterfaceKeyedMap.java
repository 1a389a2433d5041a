package dev.kargo4j.expr.internal.builtins;

import java.util.LinkedHashMap;

/**
 * The map {@code fromPairs} builds: Go's {@code map[interface {}]interface {}}, whose keys may
 * be of any type. It differs from an ordinary expression map in one observable way:
 * {@code encoding/json} refuses to encode it. Not thread-safe while being filled; read-only
 * afterwards by convention.
 */
final class InterfaceKeyedMap extends LinkedHashMap<Object, Object> {
  private static final long serialVersionUID = 1L;
}
