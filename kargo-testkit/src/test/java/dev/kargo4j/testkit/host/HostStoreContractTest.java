package dev.kargo4j.testkit.host;

import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.store.InMemoryStore;
import dev.kargo4j.testkit.StoreContract;

/**
 * The suite as a host runs it: from the testkit's jar, in a package of its own (the contract's
 * tests must be found and run from a subclass outside {@code dev.kargo4j.testkit}).
 */
class HostStoreContractTest extends StoreContract {
  @Override
  protected Store newStore() {
    return InMemoryStore.create(CLOCK);
  }
}
