/** Implementation of verification (argument substitution, the web provider, JSONPath, conditions); not API. */
package dev.kargo4j.core.verification.internal;
