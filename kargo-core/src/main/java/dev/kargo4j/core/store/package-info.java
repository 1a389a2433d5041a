/** The built-in {@link dev.kargo4j.core.spi.Store}s: in memory, and one YAML file per object in a directory. */
package dev.kargo4j.core.store;
