package dev.kargo4j.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
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
 * Reads a conformance file (JSON or YAML) relative to the folder named by the system property
 * {@code kargo4j.conformance}, runs each case of a section, prints
 * {@code CONFORMANCE <file>#<section> passed=P failed=F skipped=S} and fails when a case failed.
 * Cases named in {@code conformance-skips.txt} ({@code <file>#<section>#<id>  <reason>}) are
 * skipped. A section is either a list of cases or an object whose {@code cases} is that list.
 */
public final class ConformanceVectors {
  private final String file;
  private final Map<String, Object> doc;
  private final Map<String, String> skips;

  /** The test of one case; throw (or fail an assertion) when it does not conform. */
  public interface CaseBody {
    void run(Map<String, Object> c) throws Exception;
  }

  private ConformanceVectors(String file, Map<String, Object> doc, Map<String, String> skips) {
    this.file = file;
    this.doc = doc;
    this.skips = skips;
  }

  /** Loads {@code file}; skips the calling test when the conformance folder is not configured. */
  public static ConformanceVectors load(String file) throws IOException {
    String dir = System.getProperty("kargo4j.conformance");
    Assumptions.assumeTrue(dir != null && !dir.isBlank() && Files.isDirectory(Path.of(dir)),
        "system property kargo4j.conformance does not name the conformance folder; skipping " + file);
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    try (Reader r = Files.newBufferedReader(Path.of(dir, file), StandardCharsets.UTF_8)) {
      Map<String, Object> doc = new Yaml(options).load(r);
      return new ConformanceVectors(file, doc, readSkips());
    }
  }

  /** The whole document. */
  public Map<String, Object> document() {
    return doc;
  }

  private static Map<String, String> readSkips() throws IOException {
    Map<String, String> skips = new HashMap<>();
    try (InputStream in = ConformanceVectors.class.getResourceAsStream("/conformance-skips.txt")) {
      if (in == null) {
        return skips;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String[] parts = l.split("\\s+", 2);
        skips.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    return skips;
  }

  /**
   * The id of a case: its id, name, key, input, tag (with its strictness) or constraint (with
   * its version), else its index.
   */
  public static String idOf(Map<String, Object> c, int index) {
    for (String k : List.of("id", "name", "key", "input", "tag", "constraint")) {
      if (c.get(k) != null) {
        String id = String.valueOf(c.get(k));
        if (k.equals("tag") && c.get("strict") != null) {
          id += "/strict=" + c.get("strict");
        }
        if (k.equals("constraint") && c.get("version") != null) {
          id += "/" + c.get("version");
        }
        return id;
      }
    }
    return String.valueOf(index);
  }

  /** The cases of {@code section}: a list of cases, an object holding {@code cases}, or one case. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> cases(String section) {
    Object raw = doc.get(section);
    assertThat(raw).as("%s has section %s", file, section).isNotNull();
    List<Map<String, Object>> cases;
    if (raw instanceof List<?> l) {
      cases = (List<Map<String, Object>>) l;
    } else if (raw instanceof Map<?, ?> m && m.get("cases") instanceof List<?> l) {
      cases = (List<Map<String, Object>>) l;
    } else {
      cases = List.of((Map<String, Object>) raw);
    }
    assertThat(cases).as("%s#%s cases", file, section).isNotEmpty();
    return cases;
  }

  /** Runs every case of {@code section}, counting and printing; fails listing every failure. */
  public void run(String section, CaseBody body) {
    List<Map<String, Object>> cases = cases(section);
    int passed = 0;
    int skipped = 0;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Map<String, Object> c = cases.get(i);
      String id = idOf(c, i);
      if (skips.containsKey(file + "#" + section + "#" + id)) {
        skipped++;
        continue;
      }
      try {
        body.run(c);
        passed++;
      } catch (Throwable t) {
        failures.add("[" + id + "] " + t);
      }
    }
    System.out.println("CONFORMANCE " + file + "#" + section + " passed=" + passed + " failed="
        + failures.size() + " skipped=" + skipped);
    assertThat(failures).as("failed cases of %s#%s", file, section).isEmpty();
  }
}
