package dev.kargo4j.steps.kustomize.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.KargoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Fuzzes {@link KustomizationSandbox} with hostile Kustomization trees: random combinations of
 * every path-carrying field (names in random case, as kustomize's JSON decoding accepts them),
 * plugin config files and inline configs, with absolute, climbing, symbolic-link, URL, huge,
 * tagged and non-UTF-8 values, alias bombs, deep nesting and padding. Runs in the small-heap
 * fuzz JVM. Properties: only {@link KargoException} escapes, each check ends within seconds, and
 * a tree that names a host path in a path-carrying field is always refused.
 */
class KustomizationSandboxFuzzTest {
  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final Pattern KEY = Pattern.compile("([A-Za-z]+):");

  /** Where a value goes: a field of the Kustomization, or of a plugin config (PLUGIN: ...). */
  private static final List<String> FIELDS = List.of(
      "resources: [V]", "bases: [V]", "components: [V]", "crds: [V]", "configurations: [V]",
      "patchesStrategicMerge: [V]", "patches: [{path: V}]", "patchesJson6902: [{path: V}]",
      "replacements: [{path: V}]", "openapi: {path: V}", "configMapGenerator: [{name: c, files: [V]}]",
      "secretGenerator: [{name: s, envs: [V]}]", "secretGenerator: [{name: s, env: V}]",
      "helmGlobals: {chartHome: V}", "helmGlobals: {configHome: V}", "helmCharts: [{name: c, valuesFile: V}]",
      "helmCharts: [{name: c, additionalValuesFiles: [V]}]", "helmChartInflationGenerator: [{chartName: c, values: V}]",
      "helmChartInflationGenerator: [{chartName: c, chartHome: V}]", "generators: [V]", "validators: [V]",
      "PLUGIN: kind: PatchTransformer\npath: V", "PLUGIN: kind: ConfigMapGenerator\nfiles: [V]",
      "PLUGIN: kind: SecretGenerator\nenv: V", "PLUGIN: kind: HelmChartInflationGenerator\nname: c\nvaluesFile: V",
      "PLUGIN: kind: HelmChartInflationGenerator\nname: c\nchartHome: V",
      "PLUGIN: kind: ReplacementTransformer\nreplacements: [{path: V}]",
      "PLUGIN: kind: PatchStrategicMergeTransformer\npaths: [V]", "PLUGIN: kind: PatchJson6902Transformer\npath: V");

  /** Values that name a host file when kustomize reads them. */
  private static final List<String> ESCAPING = List.of("'ABS'", "'CLIMB'", "'file://OUTDIR'", "!!binary B64",
      "'link/secret.txt'", "ABS", "\"ABS\"");

  /** Anything else, hostile or not. */
  private static final List<String> OTHER = List.of("'ok.yaml'", "'https://example.com/x.yaml'",
      "'git@github.com:a/b.git'", "'github.com/a/b//c?ref=v1'", "!x 'ABS'", "'" + "a".repeat(5000) + "'", "~",
      "[]", "{}", "'../base'", "'base'", "'key=ABS'", "&a 'ABS'", "'C:\\\\x'", "'\\0'", "'?ref='", "'gen.yaml'",
      "'|\n  kind: X'", "\"\\u0000\"", "!!str 12", "2001-12-14", "0x1F", "'.'", "'..'", "'/'");

  private static final List<String> WHOLE_FILE = List.of(
      "", "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
          + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nresources: *e\n",
      "resources: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n",
      "#" + "x".repeat(3 * 1024 * 1024) + "\n",
      "---\n".repeat(5000),
      "!x\nresources: []\n",
      "resources: [ok.yaml]\nresources: [ok.yaml]\n",
      "<<: {resources: [ABS]}\n",
      "? [a]\n: b\n",
      "kind: Kustomization\napiVersion: kustomize.config.k8s.io/v1beta1\n");

  private static final List<String> HOLES = FIELDS.stream().map(f -> f.replaceAll("\\bV\\b", "%V%")).toList();

  private Path outside;
  private Path secret;

  @BeforeProperty
  void hostFiles() throws IOException {
    outside = Files.createTempDirectory("kz-fuzz-outside").toRealPath();
    secret = Files.writeString(outside.resolve("secret.txt"), "SECRET\n");
  }

  @AfterProperty
  void removeHostFiles() throws IOException {
    delete(outside);
  }

  record Tree(List<String> fields, List<String> values, String whole, boolean badUtf8, boolean base, int seed) {}

  @Provide
  Arbitrary<Tree> trees() {
    Arbitrary<List<String>> fields = Arbitraries.of(HOLES).list().ofMinSize(0).ofMaxSize(6);
    List<String> all = new ArrayList<>(ESCAPING);
    all.addAll(OTHER);
    Arbitrary<List<String>> values = Arbitraries.of(all).list().ofMinSize(6).ofMaxSize(6);
    return Combinators.combine(fields, values, Arbitraries.of(WHOLE_FILE), Arbitraries.of(true, false),
            Arbitraries.of(true, false), Arbitraries.integers())
        .as(Tree::new);
  }

  @Property(tries = 150)
  void onlyKargoExceptionsEscapeWithinTime(@ForAll("trees") Tree tree) throws IOException {
    Path work = Files.createTempDirectory("kz-fuzz").toRealPath();
    try {
      write(work, tree.fields(), tree.values(), tree.whole(), tree.badUtf8(), tree.base(), new Random(tree.seed()));
      assertTimeoutPreemptively(BOUND, () -> {
        try {
          KustomizationSandbox.check(work, work.resolve("app"));
        } catch (KargoException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
      });
    } finally {
      delete(work);
    }
  }

  @Provide
  Arbitrary<List<Object>> escapes() {
    return Combinators.combine(Arbitraries.of(HOLES), Arbitraries.of(ESCAPING), Arbitraries.of(true, false),
        Arbitraries.integers()).as((f, v, b, s) -> List.of(f, v, b, s));
  }

  @Property(tries = 300)
  void aHostPathInAnyPathFieldIsAlwaysRefused(@ForAll("escapes") List<Object> attack) throws IOException {
    Path work = Files.createTempDirectory("kz-fuzz").toRealPath();
    try {
      String value = (String) attack.get(1);
      write(work, List.of((String) attack.get(0)), List.of(value), "", false, (Boolean) attack.get(2),
          new Random((Integer) attack.get(3)));
      assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(
          () -> KustomizationSandbox.check(work, work.resolve("app")))
          .as("%s with %s", attack.get(0), value).isInstanceOf(KargoException.class));
    } finally {
      delete(work);
    }
  }

  private void write(Path work, List<String> fields, List<String> values, String whole, boolean badUtf8,
      boolean base, Random random) throws IOException {
    Path app = Files.createDirectories(work.resolve("app"));
    Path target = base ? Files.createDirectories(work.resolve("base")) : app;
    Files.writeString(app.resolve("ok.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n");
    Map<String, String> files = new LinkedHashMap<>();
    StringBuilder k = new StringBuilder(substitute(whole, work));
    List<String> plugins = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      String value = substitute(values.get(i % values.size()), work);
      String field = fields.get(i);
      if (field.startsWith("PLUGIN: ")) {
        String name = "plugin" + i + ".yaml";
        files.put(name, recase("apiVersion: builtin\nmetadata: {name: p" + i + "}\n", random)
            + recase(field.substring(8), random).replace("%V%", value) + "\n");
        plugins.add(random.nextBoolean() ? name : "|\n  " + files.remove(name).replace("\n", "\n  "));
      } else {
        k.append(recase(field, random).replace("%V%", value)).append('\n');
      }
    }
    if (!plugins.isEmpty()) {
      k.append(random.nextBoolean() ? "transformers:\n" : "generators:\n");
      for (String p : plugins) {
        k.append("- ").append(p).append('\n');
      }
    }
    if (values.stream().anyMatch(v -> v.contains("link/"))) {
      Files.createSymbolicLink(target.resolve("link"), outside);
    }
    byte[] text = k.toString().getBytes(StandardCharsets.UTF_8);
    if (badUtf8) {
      byte[] bad = new byte[text.length + 2];
      System.arraycopy(text, 0, bad, 0, text.length);
      bad[text.length] = (byte) 0xC3;
      bad[text.length + 1] = (byte) 0x28;
      text = bad;
    }
    Files.write(target.resolve("kustomization.yaml"), text);
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(target.resolve(f.getKey()), f.getValue());
    }
    if (base) {
      Files.writeString(app.resolve("kustomization.yaml"), "resources: [../base]\n");
    }
  }

  private String substitute(String text, Path work) {
    String climb = "../".repeat(work.getNameCount() + 2) + secret.toString().substring(1);
    return text.replace("B64", Base64.getEncoder().encodeToString(secret.toString().getBytes(StandardCharsets.UTF_8)))
        .replace("CLIMB", climb).replace("ABS", secret.toString()).replace("OUTDIR", outside.toString());
  }

  /** Field names in random case: Go's encoding/json, which kustomize decodes with, ignores case. */
  private static String recase(String template, Random random) {
    Matcher m = KEY.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      StringBuilder cased = new StringBuilder();
      for (char c : key.toCharArray()) {
        cased.append(random.nextInt(4) == 0 ? Character.toUpperCase(c) : c);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(cased + ":"));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
