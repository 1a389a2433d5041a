/** The {@code kargo4j} command line: a host application of kargo4j over a state folder. */
package dev.kargo4j.samples.cli;
