/** Validation and copying helpers shared by the model records; not public API. */
package dev.kargo4j.core.model.internal;
