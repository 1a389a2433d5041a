package dev.kargo4j.expr.internal.eval;

import java.util.LinkedHashMap;

/**
 * Go's {@code map[interface{}][]interface{}} that {@code groupBy} returns: its keys may be of any
 * type, nil included, so a nil key is looked up as nil rather than as Go's zero string.
 */
public final class AnyKeyMap extends LinkedHashMap<Object, Object> {
  private static final long serialVersionUID = 1L;
}
