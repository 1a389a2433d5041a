/** A test kit for step and health-check authors: run one runner against a temporary work directory. */
package dev.kargo4j.core.testkit;
