/** Launchers for the real servers integration tests run against (git smart-HTTP, OCI registry). */
package dev.kargo4j.testpeers;
