/** JMH benchmarks of kargo4j against peer tools. */
package dev.kargo4j.benchmarks;
