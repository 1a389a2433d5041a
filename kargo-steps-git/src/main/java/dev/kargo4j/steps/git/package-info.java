/** The git promotion steps, pull-request providers and git discovery. */
package dev.kargo4j.steps.git;
