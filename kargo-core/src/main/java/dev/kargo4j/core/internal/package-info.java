/** kargo-core's implementation details; not an API, may change at any time. */
package dev.kargo4j.core.internal;
