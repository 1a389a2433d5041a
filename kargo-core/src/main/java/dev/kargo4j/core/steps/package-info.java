/** kargo4j's generic built-in promotion steps (file, YAML/JSON, HTTP and control steps) with their config records. */
package dev.kargo4j.core.steps;
