/** Text editors, Go-compatible formatting and matchers behind the built-in steps; not an API. */
package dev.kargo4j.core.steps.internal;
