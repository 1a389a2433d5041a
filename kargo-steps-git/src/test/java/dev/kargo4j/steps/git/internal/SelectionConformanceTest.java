package dev.kargo4j.steps.git.internal;

import dev.kargo4j.core.model.CommitSelectionStrategy;
import dev.kargo4j.core.model.DiscoveredRef;
import dev.kargo4j.core.model.GitDiscoveryRefs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.steps.git.GitDiscoveryRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The git sections of {@code conformance/selection/semver.yaml} (and the semver parse and
 * constraint sections this module's semver implementation must also pass).
 */
class SelectionConformanceTest {
  private static final String FILE = "selection/semver.yaml";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load() throws IOException {
    String dir = System.getProperty("kargo4j.conformance");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
        "skipped: the conformance vectors (system property kargo4j.conformance) are not available");
    try (InputStream in = Files.newInputStream(Path.of(dir, FILE))) {
      return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }
  }

  private static Set<String> skips() throws IOException {
    Set<String> out = new TreeSet<>();
    try (InputStream in = SelectionConformanceTest.class.getResourceAsStream("/conformance-skips.txt")) {
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          out.add(l.split("\\s+", 2)[0]);
        }
      }
    }
    return out;
  }

  /** Runs every case of a section and prints the CONFORMANCE line; returns the failures. */
  private static List<String> run(String section, List<Map<String, Object>> cases,
      Function<Map<String, Object>, String> check) throws IOException {
    Set<String> skip = skips();
    int passed = 0;
    int skipped = 0;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Map<String, Object> c = cases.get(i);
      String id = c.containsKey("name") ? String.valueOf(c.get("name")) : String.valueOf(i);
      if (skip.contains(FILE + "#" + section + "#" + id)) {
        skipped++;
        continue;
      }
      String problem;
      try {
        problem = check.apply(c);
      } catch (RuntimeException e) {
        problem = "threw " + e;
      }
      if (problem == null) {
        passed++;
      } else {
        failures.add(section + "#" + id + ": " + problem);
      }
    }
    System.out.println("CONFORMANCE " + FILE + "#" + section + " passed=" + passed + " failed=" + failures.size()
        + " skipped=" + skipped);
    return failures;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    if (o == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object x : (List<Object>) o) {
      out.add(String.valueOf(x));
    }
    return out;
  }

  private static GitDiscoveryRequest request(Map<String, Object> c, String expression) {
    Object strict = c.get("strictSemvers");
    return GitDiscoveryRequest.builder("https://git.example/repo.git")
        .strategy(GitDiscoveryRequest.strategyOf((String) c.get("strategy")))
        .semverConstraint((String) c.get("semverConstraint"))
        // the selectors' own default (the webhook's default of true is applied before)
        .strictSemvers(strict != null && (Boolean) strict)
        .allowTagsRegexes(strings(c.get("allowTagsRegexes")))
        .ignoreTagsRegexes(strings(c.get("ignoreTagsRegexes")))
        .expressionFilter(expression)
        .build();
  }

  private static String expect(Object expected, Object actual) {
    return Objects.equals(expected, actual) ? null : "expected " + expected + " but got " + actual;
  }

  @Test
  @SuppressWarnings("unchecked")
  void gitSections() throws IOException {
    Map<String, Object> doc = load();
    List<String> failures = new ArrayList<>();

    failures.addAll(run("gitSelection", (List<Map<String, Object>>) doc.get("gitSelection"), c -> {
      CommitSelection s = new CommitSelection(request(c, null));
      List<TagInfo> tags = strings(c.get("tags")).stream().map(TagInfo::named).toList();
      int limit = c.get("discoveryLimit") == null ? 0 : ((Number) c.get("discoveryLimit")).intValue();
      List<String> got = s.selectTags(tags, id -> List.of(), limit).stream().map(TagInfo::tag).toList();
      return expect(strings(c.get("expect")), got);
    }));

    failures.addAll(run("gitRefMatch", (List<Map<String, Object>>) doc.get("gitRefMatch"), c ->
        expect(c.get("expect"), new CommitSelection(request(c, null)).matchesRef((String) c.get("ref")))));

    failures.addAll(run("gitListRefs", (List<Map<String, Object>>) doc.get("gitListRefs"), c -> {
      Map<String, String> refs = new LinkedHashMap<>();
      if (c.get("refsCount") != null) {
        int n = ((Number) c.get("refsCount")).intValue();
        for (int i = 0; i < n; i++) {
          refs.put("refs/tags/v1." + i + ".0", String.format("%040x", i));
        }
      } else {
        for (Map<String, Object> r : (List<Map<String, Object>>) c.get("refs")) {
          refs.put((String) r.get("name"), (String) r.get("id"));
        }
      }
      GitDiscoveryRefs got = new CommitSelection(request(c, null)).observeTags(refs);
      Object want = c.get("expect");
      if (want == null) {
        return got == null ? null : "expected no observation but got " + got;
      }
      List<Map<String, Object>> gotList = new ArrayList<>();
      for (DiscoveredRef r : got.tags()) {
        gotList.add(Map.of("name", r.name(), "id", r.id()));
      }
      return expect(want, gotList);
    }));

    Map<String, Object> exprSection = (Map<String, Object>) doc.get("gitTagExpressionFilter");
    failures.addAll(run("gitTagExpressionFilter", (List<Map<String, Object>>) exprSection.get("cases"), c -> {
      Map<String, Object> req = new LinkedHashMap<>(c);
      req.put("strategy", "NewestTag");
      CommitSelection s = new CommitSelection(request(req, (String) c.get("expression")));
      List<TagInfo> tags = new ArrayList<>();
      for (Map<String, Object> t : (List<Map<String, Object>>) c.get("tags")) {
        Object date = t.get("creatorDate");
        Instant when = date == null ? Instant.EPOCH
            : date instanceof java.util.Date d ? d.toInstant() : Instant.parse(String.valueOf(date));
        tags.add(new TagInfo((String) t.get("tag"), str(t.get("id")), when, str(t.get("author")),
            str(t.get("committer")), str(t.get("subject")), str(t.get("tagger")), str(t.get("annotation"))));
      }
      return expect(strings(c.get("expect")), s.selectTags(tags, id -> List.of(), 0).stream().map(TagInfo::tag).toList());
    }));

    Map<String, Object> pathSection = (Map<String, Object>) doc.get("pathFilters");
    failures.addAll(run("pathFilters", (List<Map<String, Object>>) pathSection.get("cases"), c ->
        expect(c.get("expectMatch"), PathPatterns.matchesPaths(strings(c.get("diffPaths")),
            PathPatterns.any(strings(c.get("includePaths"))), PathPatterns.any(strings(c.get("excludePaths")))))));

    assertThat(failures).isEmpty();
  }

  private static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
