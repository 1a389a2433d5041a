package dev.kargo4j.core.store;

import dev.kargo4j.core.spi.Store;
import dev.kargo4j.testkit.StoreContract;

class InMemoryStoreTest extends StoreContract {
  @Override
  protected Store newStore() {
    return InMemoryStore.create(CLOCK);
  }
}
