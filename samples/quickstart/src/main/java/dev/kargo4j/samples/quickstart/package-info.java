/** The quickstart: an eight-Stage pipeline promoted end to end on this machine, with no external service. */
package dev.kargo4j.samples.quickstart;
