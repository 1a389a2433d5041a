/** A sample step plug-in: the {@code checksum} step, in its own jar, found through {@link java.util.ServiceLoader}. */
package dev.kargo4j.samples.customstep;
