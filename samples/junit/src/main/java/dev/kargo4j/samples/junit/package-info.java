/** Programmatic promotion in Java tests: a JUnit 5 extension giving each test a Kargo project, a git remote and a manual clock. */
package dev.kargo4j.samples.junit;
