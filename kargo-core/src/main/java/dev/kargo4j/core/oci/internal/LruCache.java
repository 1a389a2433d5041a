package dev.kargo4j.core.oci.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small least-recently-used map with a fixed capacity. Thread-safe. */
public final class LruCache<K, V> {
  private final int capacity;
  private final LinkedHashMap<K, V> map;

  /** A cache of at most {@code capacity} entries (0 disables caching). */
  public LruCache(int capacity) {
    this.capacity = capacity;
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > LruCache.this.capacity;
      }
    };
  }

  /** The value for {@code key}, or null. */
  public synchronized V get(K key) {
    return map.get(key);
  }

  /** Stores {@code value}. */
  public synchronized void put(K key, V value) {
    if (capacity > 0) {
      map.put(key, value);
    }
  }

  /** Removes everything. */
  public synchronized void clear() {
    map.clear();
  }

  /** The number of entries. */
  public synchronized int size() {
    return map.size();
  }
}
