/** Warehouse discovery: image and chart subscription sources, the source registry, and the discoverer that turns discovered artifacts into Freight. */
package dev.kargo4j.core.discovery;
