package dev.kargo4j.core.store;

import dev.kargo4j.testkit.StoreContract;
import dev.kargo4j.core.spi.Store;

class InMemoryStoreTest extends StoreContract {
  @Override
  protected Store newStore() {
    return InMemoryStore.create(CLOCK);
  }
}
