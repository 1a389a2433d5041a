package dev.kargo4j.samples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code kargo4j --version}: the version the build wrote into {@code version.properties}
 * (Maven resource filtering of {@code ${project.version}}), so it is right in the runnable jar,
 * in {@code target/classes} and in tests alike, then the Java runtime. Stateless and
 * thread-safe.
 */
final class BuildVersion implements IVersionProvider {
  private static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"kargo4j " + version(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
  }

  /** The build's version of kargo4j, e.g. {@code 0.1.0-SNAPSHOT}. */
  static String version() {
    Properties p = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing beside " + BuildVersion.class.getName()
            + ": the build writes it");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    String v = p.getProperty("version", "");
    if (v.isEmpty() || v.contains("${")) {
      throw new IllegalStateException(RESOURCE + " holds no version (\"" + v + "\"): the build did not filter it");
    }
    return v;
  }
}
