/** The OCI client's transport, auth, rate limiting, caching and JSON reading; not API. */
package dev.kargo4j.core.oci.internal;
