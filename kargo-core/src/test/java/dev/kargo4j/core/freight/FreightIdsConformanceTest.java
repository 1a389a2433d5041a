package dev.kargo4j.core.freight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kargo4j.core.model.ArtifactReference;
import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.Image;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every section of {@code freight/ids.json} and prints one {@code CONFORMANCE} line per
 * section. Skipped ids are listed in {@code conformance-skips.txt}.
 */
class FreightIdsConformanceTest {
  private static final String FILE = "freight/ids.json";
  private static Map<String, Object> doc;
  private static Map<String, String> skips;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws IOException {
    String dir = System.getProperty("kargo4j.conformance");
    Assumptions.assumeTrue(
        dir != null && Files.isRegularFile(Path.of(dir, FILE)),
        "system property kargo4j.conformance does not name a folder with " + FILE + "; skipping");
    doc = new ObjectMapper().readValue(Path.of(dir, FILE).toFile(), Map.class);
    skips = new HashMap<>();
    try (InputStream in = FreightIdsConformanceTest.class.getResourceAsStream("/conformance-skips.txt")) {
      if (in != null) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          String l = line.strip();
          if (!l.isEmpty() && !l.startsWith("#")) {
            String[] parts = l.split("\\s+", 2);
            skips.put(parts[0], parts.length > 1 ? parts[1] : "");
          }
        }
      }
    }
  }

  interface Body {
    void run(Map<String, Object> c) throws Exception;
  }

  private static void section(String section, List<Map<String, Object>> cases,
      Function<Integer, String> idOf, Body body) {
    assertThat(cases).as("%s#%s", FILE, section).isNotEmpty();
    int passed = 0;
    int skipped = 0;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      String id = idOf.apply(i);
      if (skips.containsKey(FILE + "#" + section + "#" + id)) {
        skipped++;
        continue;
      }
      try {
        body.run(cases.get(i));
        passed++;
      } catch (Throwable t) {
        failures.add("[" + id + "] " + t);
      }
    }
    System.out.println("CONFORMANCE " + FILE + "#" + section + " passed=" + passed
        + " failed=" + failures.size() + " skipped=" + skipped);
    assertThat(failures).as("failed cases of %s#%s", FILE, section).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    return o == null ? List.of() : (List<Map<String, Object>>) o;
  }

  private static String s(Map<String, Object> m, String k) {
    Object v = m.get(k);
    return v == null ? "" : v.toString();
  }

  @SuppressWarnings("unchecked")
  static String[] idAndPreimage(Map<String, Object> freight) {
    Map<String, Object> o = (Map<String, Object>) freight.get("origin");
    FreightOrigin origin = new FreightOrigin(s(o, "kind"), s(o, "name"));
    List<GitCommit> commits = new ArrayList<>();
    for (Map<String, Object> c : list(freight.get("commits"))) {
      commits.add(new GitCommit(s(c, "repoURL"), s(c, "id"), s(c, "branch"), s(c, "tag"),
          s(c, "message"), s(c, "author"), s(c, "committer"), s(c, "subscriptionName")));
    }
    List<Image> images = new ArrayList<>();
    for (Map<String, Object> c : list(freight.get("images"))) {
      images.add(new Image(s(c, "repoURL"), s(c, "tag"), s(c, "digest"),
          (Map<String, String>) c.get("annotations"), s(c, "subscriptionName")));
    }
    List<Chart> charts = new ArrayList<>();
    for (Map<String, Object> c : list(freight.get("charts"))) {
      charts.add(new Chart(s(c, "repoURL"), s(c, "name"), s(c, "version"), s(c, "subscriptionName")));
    }
    List<ArtifactReference> artifacts = new ArrayList<>();
    for (Map<String, Object> c : list(freight.get("artifacts"))) {
      artifacts.add(new ArtifactReference(s(c, "artifactType"), s(c, "subscriptionName"),
          s(c, "version"), c.get("metadata")));
    }
    return new String[] {
      FreightIds.generate(origin, commits, images, charts, artifacts),
      FreightIds.preimage(origin, commits, images, charts, artifacts)
    };
  }

  @Test
  @SuppressWarnings("unchecked")
  void cases() {
    List<Map<String, Object>> cases = list(doc.get("cases"));
    section("cases", cases, i -> s(cases.get(i), "id"), c -> {
      String[] got = idAndPreimage((Map<String, Object>) c.get("freight"));
      assertThat(got[1]).as("preimage").isEqualTo(c.get("expectedPreimage"));
      assertThat(got[0]).as("id").isEqualTo(c.get("expectedID"));
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void relations() {
    Map<String, Map<String, Object>> byName = new HashMap<>();
    for (Map<String, Object> c : list(doc.get("cases"))) {
      byName.put(s(c, "name"), c);
    }
    List<Map<String, Object>> relations = list(doc.get("relations"));
    section("relations", relations, i -> "relation-" + (i + 1), r -> {
      Map<String, Object> a = byName.get(s(r, "a"));
      Map<String, Object> b = byName.get(s(r, "b"));
      // two relations name a case the file lacks; its name says exactly what it is, so it is
      // built from its partner
      Map<String, Object> freightA = a != null ? (Map<String, Object>) a.get("freight")
          : DERIVED.get(s(r, "a")).apply((Map<String, Object>) b.get("freight"));
      Map<String, Object> freightB = b != null ? (Map<String, Object>) b.get("freight")
          : DERIVED.get(s(r, "b")).apply((Map<String, Object>) a.get("freight"));
      String idA = idAndPreimage(freightA)[0];
      String idB = idAndPreimage(freightB)[0];
      if (Boolean.TRUE.equals(r.get("equal"))) {
        assertThat(idA).isEqualTo(idB);
      } else {
        assertThat(idA).isNotEqualTo(idB);
      }
    });
  }

  /** Cases the relations name but the file lacks, built from the partner case they describe. */
  @SuppressWarnings("unchecked")
  private static final Map<String, Function<Map<String, Object>, Map<String, Object>>> DERIVED = Map.of(
      "TestGenerateFreightID: changing the commit ID changes the result", base -> {
        Map<String, Object> f = new HashMap<>(base);
        List<Map<String, Object>> commits = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) base.get("commits")) {
          Map<String, Object> changed = new HashMap<>(c);
          changed.put("id", c.get("id") + "-changed");
          commits.add(changed);
        }
        f.put("commits", commits);
        return f;
      },
      "OCI chart: oci:// prefix removed, empty chart name", sameChart -> {
        Map<String, Object> f = new HashMap<>(sameChart);
        List<Map<String, Object>> charts = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) sameChart.get("charts")) {
          Map<String, Object> oci = new HashMap<>(c);
          oci.put("repoURL", "oci://" + String.valueOf(c.get("repoURL")).toLowerCase(Locale.ROOT));
          oci.put("name", "");
          charts.add(oci);
        }
        f.put("charts", charts);
        return f;
      });

  @Test
  @SuppressWarnings("unchecked")
  void freightCollectionIDs() {
    Map<String, Object> sectionDoc = (Map<String, Object>) doc.get("freightCollectionIDs");
    List<Map<String, Object>> cases = list(sectionDoc.get("cases"));
    section("freightCollectionIDs", cases, i -> "collection-" + (i + 1), c -> {
      List<String> names = (List<String>) c.get("freightNames");
      assertThat(FreightIds.collectionId(names)).isEqualTo(c.get("expectedID"));
      assertThat(FreightIds.sha1(s(c, "expectedPreimage"))).isEqualTo(c.get("expectedID"));
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void urlNormalization() {
    Map<String, Object> sectionDoc = (Map<String, Object>) doc.get("urlNormalization");
    List<Map<String, Object>> all = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Map<String, Function<String, String>> normalizers = Map.of(
        "git", RepoUrls::normalizeGit,
        "chart", RepoUrls::normalizeChart,
        "image", RepoUrls::normalizeImage);
    for (String kind : List.of("git", "chart", "image")) {
      for (Map<String, Object> c : list(sectionDoc.get(kind))) {
        Map<String, Object> withKind = new HashMap<>(c);
        withKind.put("kind", kind);
        all.add(withKind);
        ids.add(kind + ":" + s(c, "input"));
      }
    }
    section("urlNormalization", all, ids::get, c -> assertThat(
        normalizers.get(s(c, "kind")).apply(s(c, "input"))).as("%s(%s)", c.get("kind"), c.get("input"))
        .isEqualTo(c.get("expected")));
  }
}
