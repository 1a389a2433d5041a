package dev.kargo4j.steps.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.spi.WorkDir;
import dev.kargo4j.testkit.StepTestKit;
import dev.kargo4j.steps.kustomize.internal.ImageMerge;
import dev.kargo4j.steps.kustomize.internal.ImageSetting;
import dev.kargo4j.steps.kustomize.internal.KustomizationFiles;
import dev.kargo4j.steps.kustomize.internal.KustomizeImage;
import dev.kargo4j.steps.kustomize.internal.TargetImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Runs every section of {@code conformance/steps/kustomize-set-image.yaml}. */
class KustomizeSetImageConformanceTest {
  private static final String FILE = "steps/kustomize-set-image.yaml";
  private static Map<String, Object> document;

  @BeforeAll
  static void load() {
    document = Conformance.load(FILE);
  }

  @Test
  void runCases() {
    new Conformance.Section(FILE, "runCases").runAll(document, c -> {
      Path dir = Files.createTempDirectory("kustomize-set-image-");
      try {
        runCase(c, dir);
      } finally {
        deleteTree(dir);
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static void runCase(Map<String, Object> c, Path dir) throws IOException {
    Map<String, Object> files = (Map<String, Object>) c.getOrDefault("files", Map.of());
    Map<String, Object> config = (Map<String, Object>) c.get("config");
    // the file names are relative to config.path: every case but one has path ".", and the
    // derived case with path "base" expects its kustomization.yaml to be found there
    Path base = dir.resolve((String) config.get("path"));
    for (Map.Entry<String, Object> f : files.entrySet()) {
      Path p = base.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, (String) f.getValue(), StandardCharsets.UTF_8);
    }
    StepTestKit kit = TestFreight.kit(new KustomizeImageSetter(), c).workDir(dir).config(config);
    if (c.containsKey("expectError")) {
      // Kargo's test calls run() with a config that skipped schema validation: bind lazily,
      // after the Kustomization file was looked for, as the runner does
      StepContext context = kit.context();
      assertThatThrownBy(() -> ImageSetting.apply(context.workDir(), (String) config.get("path"),
              () -> TargetImages.forStep(context, context.config(KustomizeImageSetterConfig.class))))
          .isInstanceOf(KustomizeException.class)
          .hasMessageContaining((String) c.get("expectError"));
      return;
    }
    StepResult result = kit.run();
    assertThat(result.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    if (c.containsKey("expectCommitMessage")) {
      assertThat(result.output()).containsEntry("commitMessage", c.get("expectCommitMessage"));
    }
    Path kustomization = KustomizationFiles.find(dir.resolve((String) config.get("path")), "");
    String text = Files.readString(kustomization, StandardCharsets.UTF_8);
    Object parsed = new Yaml(new LoaderOptions()).load(text);
    assertThat(parsed).isEqualTo(c.get("expectKustomization"));
    if (c.containsKey("expectKustomizationText")) {
      assertThat(text).isEqualTo(c.get("expectKustomizationText"));
    }
    for (Object s : (List<Object>) c.getOrDefault("expectOutputContains", List.of())) {
      assertThat(text).contains((String) s);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void mergeImagesCases() {
    new Conformance.Section(FILE, "mergeImagesCases").runAll(document, c -> {
      List<KustomizeImage> current = new ArrayList<>();
      for (Object o : (List<Object>) c.get("current")) {
        current.add(image((Map<String, Object>) o));
      }
      Map<String, KustomizeImage> targets = images((Map<String, Object>) c.get("target"));
      List<Map<String, String>> merged = ImageMerge.merge(current, targets).images().stream()
          .map(KustomizeSetImageConformanceTest::fields).toList();
      assertThat(merged).isEqualTo(c.get("expect"));
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void buildTargetImagesFromConfig() {
    new Conformance.Section(FILE, "buildTargetImagesFromConfig").runAll(document, c -> {
      List<KustomizeImageSetterConfig.Image> images = new ArrayList<>();
      for (Object o : (List<Object>) c.get("images")) {
        Map<String, Object> m = (Map<String, Object>) o;
        images.add(new KustomizeImageSetterConfig.Image((String) m.get("image"), (String) m.get("tag"),
            (String) m.get("digest"), (String) m.get("name"), (String) m.get("newName")));
      }
      assertThat(fieldsByName(TargetImages.fromConfig(images))).isEqualTo(c.get("expect"));
    });
  }

  @Test
  void buildTargetImagesAutomatically() {
    new Conformance.Section(FILE, "buildTargetImagesAutomatically").runAll(document, c -> {
      Path dir = Files.createTempDirectory("kustomize-auto-");
      try {
        StepContext context = TestFreight.kit(new KustomizeImageSetter(), c).workDir(dir)
            .config(Map.of("path", ".")).context();
        KustomizeImageSetterConfig config = context.config(KustomizeImageSetterConfig.class);
        if (c.containsKey("expectError")) {
          assertThatThrownBy(() -> TargetImages.forStep(context, config))
              .isInstanceOf(KustomizeException.class)
              .hasMessageContaining((String) c.get("expectError"));
          return;
        }
        assertThat(fieldsByName(TargetImages.forStep(context, config))).isEqualTo(c.get("expect"));
      } finally {
        deleteTree(dir);
      }
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void commitMessageCases() {
    new Conformance.Section(FILE, "commitMessageCases").runAll(document, c -> {
      String message = ImageMerge.commitMessage((String) c.get("path"), images((Map<String, Object>) c.get("images")));
      assertThat(message).isEqualTo(c.get("expect"));
      for (Object s : (List<Object>) c.getOrDefault("expectContains", List.of())) {
        assertThat(message).contains((String) s);
      }
      if (c.containsKey("expectNewlines")) {
        assertThat(message.chars().filter(ch -> ch == '\n').count())
            .isEqualTo(((Number) c.get("expectNewlines")).longValue());
      }
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void findKustomization() {
    new Conformance.Section(FILE, "findKustomization").runAll(document, c -> {
      Path dir = Files.createTempDirectory("kustomize-find-");
      try {
        for (Object f : (List<Object>) c.get("files")) {
          Path p = dir.resolve((String) f);
          Files.createDirectories(p.getParent());
          Files.writeString(p, "kind: Kustomization\n");
        }
        WorkDir workDir = WorkDir.of(dir);
        String path = (String) c.get("path");
        if (c.containsKey("expectError")) {
          assertThatThrownBy(() -> KustomizationFiles.find(workDir.resolve(path, "path"), path))
              .isInstanceOf(KustomizeException.class)
              .hasMessageContaining((String) c.get("expectError"));
          return;
        }
        Path found = KustomizationFiles.find(workDir.resolve(path, "path"), path);
        assertThat(workDir.root().relativize(found).toString()).isEqualTo(c.get("expect"));
      } finally {
        deleteTree(dir);
      }
    });
  }

  private static final Pattern REQUIRED = Pattern.compile("(\\w+) is required");

  @Test
  @SuppressWarnings("unchecked")
  void configValidation() {
    new Conformance.Section(FILE, "configValidation").runAll(document, c -> {
      Path dir = Files.createTempDirectory("kustomize-config-");
      try {
        StepContext context = StepTestKit.forRunner(new KustomizeImageSetter()).alias("set-image")
            .workDir(dir).config((Map<String, Object>) c.get("config")).context();
        if (Boolean.TRUE.equals(c.get("expectValid"))) {
          assertThat(context.config(KustomizeImageSetterConfig.class)).isNotNull();
          return;
        }
        assertThatThrownBy(() -> context.config(KustomizeImageSetterConfig.class))
            .isInstanceOf(InvalidConfigException.class)
            .satisfies(e -> {
              for (Object p : (List<Object>) c.get("expectProblems")) {
                assertProblemReported(e.getMessage(), (String) p);
              }
            });
      } finally {
        deleteTree(dir);
      }
    });
  }

  /**
   * A gojsonschema problem {@code <location>: <text>} is reported when the message names the
   * same location ({@code images.0} is {@code images[0]} here) and the same rule.
   */
  private static void assertProblemReported(String message, String problem) {
    int colon = problem.indexOf(": ");
    String location = problem.substring(0, colon);
    String text = problem.substring(colon + 2);
    if (!location.equals("(root)")) {
      assertThat(message).contains("config." + location.replaceAll("\\.(\\d+)", "[$1]"));
    }
    Matcher required = REQUIRED.matcher(text);
    if (required.matches()) {
      assertThat(message).contains(required.group(1) + ": required");
    } else if (text.contains("one and only one")) {
      assertThat(message).contains("tag, digest: exactly one must be set");
    } else {
      throw new AssertionError("unknown problem kind: " + problem);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, KustomizeImage> images(Map<String, Object> byKey) {
    Map<String, KustomizeImage> images = new LinkedHashMap<>();
    byKey.forEach((k, v) -> images.put(k, image((Map<String, Object>) v)));
    return images;
  }

  private static KustomizeImage image(Map<String, Object> m) {
    return new KustomizeImage((String) m.get("name"), (String) m.get("newName"), (String) m.get("tagSuffix"),
        (String) m.get("newTag"), (String) m.get("digest"));
  }

  private static Map<String, String> fields(KustomizeImage image) {
    Map<String, String> fields = new LinkedHashMap<>();
    image.fields().forEach(e -> fields.put(e.getKey(), e.getValue()));
    return fields;
  }

  private static Map<String, Map<String, String>> fieldsByName(Map<String, KustomizeImage> images) {
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    images.forEach((k, v) -> result.put(k, fields(v)));
    return result;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
