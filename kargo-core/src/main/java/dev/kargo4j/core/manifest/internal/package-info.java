/** YAML reading with limits, typed decoding with locations, and YAML writing; not public API. */
package dev.kargo4j.core.manifest.internal;
