package dev.kargo4j.core.store;

import dev.kargo4j.core.spi.Store;
import java.time.Clock;
import java.util.Objects;

/**
 * A {@link Store} in memory: fast, thread-safe, gone when the JVM exits. For tests and for
 * hosts that persist elsewhere. See {@link Store} for the contract.
 *
 * <p>Thread-safe; Projects are locked independently.
 */
public final class InMemoryStore extends StoreCore.Delegating {
  private final StoreCore core;

  private InMemoryStore(Clock clock) {
    this.core = new StoreCore(clock, new StoreCore.Persistence() {
      @Override
      public void write(StoreCore.Kind kind, String project, String name, Object value) {}

      @Override
      public void delete(StoreCore.Kind kind, String project, String name) {}
    });
  }

  /** An empty store using the system UTC clock for creation times. */
  public static InMemoryStore create() {
    return new InMemoryStore(Clock.systemUTC());
  }

  /** An empty store using {@code clock} for creation times. */
  public static InMemoryStore create(Clock clock) {
    return new InMemoryStore(Objects.requireNonNull(clock, "clock"));
  }

  @Override
  StoreCore core() {
    return core;
  }

  /** Further calls fail with a {@link dev.kargo4j.core.spi.StoreException}. */
  @Override
  public void close() {
    core.close();
  }
}
