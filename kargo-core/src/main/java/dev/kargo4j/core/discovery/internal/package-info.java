/** Tag filtering and ordering, chart index reading and the Freight-creation-criteria functions used by discovery; not API. */
package dev.kargo4j.core.discovery.internal;
