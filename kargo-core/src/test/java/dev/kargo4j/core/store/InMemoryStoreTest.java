package dev.kargo4j.core.store;

import dev.kargo4j.core.spi.Store;

class InMemoryStoreTest extends StoreContractTest {
  @Override
  Store newStore() {
    return InMemoryStore.create(CLOCK);
  }
}
