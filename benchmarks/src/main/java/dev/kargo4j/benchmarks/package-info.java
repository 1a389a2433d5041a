/** JMH benchmarks of kargo4j, each run side by side with a peer doing the same work. */
package dev.kargo4j.benchmarks;
