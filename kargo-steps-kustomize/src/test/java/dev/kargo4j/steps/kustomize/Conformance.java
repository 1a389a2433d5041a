package dev.kargo4j.steps.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads conformance files from the folder named by {@code kargo4j.conformance}, applies the
 * module's skip list and prints one {@code CONFORMANCE file#section passed= failed= skipped=}
 * line per section.
 */
final class Conformance {
  private static final Map<String, String> SKIPS = loadSkips();

  private Conformance() {}

  /** The parsed file, or the test is skipped (with a message) when the folder is not set. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> load(String file) {
    String dir = System.getProperty("kargo4j.conformance");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
        "conformance folder not available: set system property kargo4j.conformance (the poms point it at conformance/)");
    try {
      String text = Files.readString(Path.of(dir).resolve(file), StandardCharsets.UTF_8);
      return (Map<String, Object>) new Yaml(new LoaderOptions()).load(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A case of a section, run by {@link Section#run}. */
  interface CaseBody {
    void run(Map<String, Object> testCase) throws Exception;
  }

  /** Counts one section's outcomes. */
  static final class Section {
    private final String file;
    private final String name;
    private int passed;
    private int skipped;
    private final List<String> failures = new ArrayList<>();

    Section(String file, String name) {
      this.file = file;
      this.name = name;
    }

    @SuppressWarnings("unchecked")
    void runAll(Map<String, Object> document, CaseBody body) {
      List<Map<String, Object>> cases = (List<Map<String, Object>>) document.get(name);
      assertThat(cases).as("section %s of %s", name, file).isNotNull().isNotEmpty();
      for (Map<String, Object> testCase : cases) {
        String id = String.valueOf(testCase.get("name"));
        if (SKIPS.containsKey(file + "#" + name + "#" + id)) {
          skipped++;
          continue;
        }
        try {
          body.run(testCase);
          passed++;
        } catch (Throwable t) {
          failures.add(id + ": " + t);
        }
      }
      System.out.println("CONFORMANCE " + file + "#" + name + " passed=" + passed + " failed="
          + failures.size() + " skipped=" + skipped);
      assertThat(failures).as("failed cases of %s#%s", file, name).isEmpty();
    }
  }

  private static Map<String, String> loadSkips() {
    Map<String, String> skips = new HashMap<>();
    try (InputStream in = Conformance.class.getResourceAsStream("/conformance-skips.txt")) {
      if (in == null) {
        return skips;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] parts = trimmed.split("\\s{2,}", 2);
        skips.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return skips;
  }
}
