/**
 * For the tests of hosts and step authors: {@link dev.kargo4j.testkit.ManualClock} (time that
 * moves only when told, and drives a runtime's timers), {@link dev.kargo4j.testkit.StepTestKit}
 * (runs one step runner against a temporary work directory) and
 * {@link dev.kargo4j.testkit.StoreContract} (the {@code Store} contract suite a host runs
 * against its own store). Depends on kargo-core, JUnit 5's API and AssertJ; for test scope.
 */
package dev.kargo4j.testkit;
