/** A small OCI distribution client (tags, manifests, image indexes, config blobs) on the JDK HTTP client, with token and basic auth, a per-registry rate limit and a cache keyed by digest. */
package dev.kargo4j.core.oci;
