package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.str;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a Warehouse watches: {@code subscriptions} (at least one, names unique), how often
 * ({@code interval}, default 5m0s) and whether it creates Freight on its own
 * ({@code freightCreationPolicy}, default Automatic) under which {@code freightCreationCriteria}
 * (null when absent). {@code shard} is kept for fidelity and otherwise unused.
 *
 * <p>Immutable and thread-safe.
 */
public record WarehouseSpec(
    String shard,
    Duration interval,
    FreightCreationPolicy freightCreationPolicy,
    List<Subscription> subscriptions,
    FreightCreationCriteria freightCreationCriteria) {

  /** Kargo's default interval. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  /** Validates, applies defaults and copies. */
  public WarehouseSpec {
    shard = str(shard);
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    dev.kargo4j.core.model.internal.Checks.goDuration("interval", interval);
    if (interval.isNegative()) {
      throw new InvalidModelException("interval", "must not be negative");
    }
    freightCreationPolicy =
        freightCreationPolicy == null ? FreightCreationPolicy.AUTOMATIC : freightCreationPolicy;
    subscriptions = list("subscriptions", subscriptions);
    if (subscriptions.isEmpty()) {
      throw new InvalidModelException("subscriptions", "at least one subscription is required");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < subscriptions.size(); i++) {
      String n = subscriptions.get(i).name();
      if (!n.isEmpty() && !names.add(n)) {
        throw new InvalidModelException(
            "subscriptions[" + i + "].name",
            "subscription name \"" + n + "\" is already used; names must be unique per Warehouse");
      }
    }
  }

  /** A spec with Kargo's defaults and the given subscriptions. */
  public static WarehouseSpec of(List<Subscription> subscriptions) {
    return new WarehouseSpec("", null, null, subscriptions, null);
  }
}
