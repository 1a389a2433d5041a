package dev.kargo4j.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.testkit.StepTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class YamlMergerTest {
  @TempDir Path dir;

  private StepTestKit kit(Map<String, ?> config) {
    return StepTestKit.forRunner(new YamlMerger()).workDir(dir).alias("m").config(config);
  }

  @Test
  void overlaysMapsReplacesListsAndKeepsComments() throws Exception {
    Files.writeString(dir.resolve("empty.yaml"), "");
    Files.writeString(dir.resolve("base.yaml"), """
        character:
          name: Vader
          ability: Force
          affiliation: Empire
          saberColor: red
        vehicles:
        - Star Destroyer
        """);
    Files.writeString(dir.resolve("overlay.yaml"), """
        character:
          name: Luke # Alters character.name from the base
          affiliation: Rebel Alliance
          saberColor: blue
          siblings:
          - Leia
        vehicles: # Completely replaces vehicles list from the base
        - Millennium Falcon
        """);
    StepResult r = kit(Map.of("inFiles", List.of("empty.yaml", "base.yaml", "overlay.yaml"),
        "outFile", "out/merged.yaml")).run();
    String merged = Files.readString(dir.resolve("out/merged.yaml"));
    assertThat((Object) new Yaml().load(merged)).isEqualTo(new Yaml().load("""
        character:
          name: Luke
          ability: Force
          affiliation: Rebel Alliance
          saberColor: blue
          siblings:
          - Leia
        vehicles:
        - Millennium Falcon
        """));
    assertThat(merged).contains("# Alters character.name from the base");
    assertThat(r.output()).containsEntry("commitMessage",
        "Merged 3 YAML files to out/merged.yaml\n- empty.yaml\n- base.yaml\n- overlay.yaml");
  }

  @Test
  void nullRemovesAKeyAndPatchReplaceReplacesAMap() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), "a: 1\nb:\n  x: 1\n  y: 2\nc:\n  z: 1\n");
    Files.writeString(dir.resolve("b.yaml"), "a: null\nb:\n  $patch: replace\n  w: 3\nd: new\n");
    kit(Map.of("inFiles", List.of("a.yaml", "b.yaml"), "outFile", "m.yaml")).run();
    assertThat((Object) new Yaml().load(Files.readString(dir.resolve("m.yaml"))))
        .isEqualTo(Map.of("b", Map.of("w", 3), "c", Map.of("z", 1), "d", "new"));
  }

  @Test
  void missingFilesFailUnlessIgnored() throws Exception {
    Files.writeString(dir.resolve("base.yaml"), "version: 1.0.0");
    Files.writeString(dir.resolve("overlay.yaml"), "version: 2.0.0");
    assertThatThrownBy(() -> kit(Map.of("inFiles", List.of("base.yaml", "nope.yaml"), "outFile", "m.yaml")).run())
        .isInstanceOf(KargoException.class).hasMessage("input file \"nope.yaml\" not found");
    StepResult r = kit(Map.of("inFiles", List.of("base.yaml", "overlay.yaml", "nope.yaml"),
        "outFile", "m.yaml", "ignoreMissingFiles", true)).run();
    assertThat(Files.readString(dir.resolve("m.yaml"))).isEqualTo("version: 2.0.0\n");
    assertThat(r.output()).containsEntry("commitMessage", "Merged 2 YAML files to m.yaml\n- base.yaml\n- overlay.yaml");
    r = kit(Map.of("inFiles", List.of("base.yaml"), "outFile", "one.yaml")).run();
    assertThat(r.output()).containsEntry("commitMessage", "Wrote base.yaml to one.yaml");
    r = kit(Map.of("inFiles", List.of("nope.yaml"), "outFile", "none.yaml", "ignoreMissingFiles", true)).run();
    assertThat(r.output()).isEmpty();
    assertThat(dir.resolve("none.yaml")).hasContent("");
  }

  @Test
  void invalidYamlAndConfig() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "a: [1, 2\n");
    assertThatThrownBy(() -> kit(Map.of("inFiles", List.of("bad.yaml"), "outFile", "m.yaml")).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("error merging YAML files");
    assertThatThrownBy(() -> kit(Map.of("inFiles", List.of(), "outFile", "m.yaml")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("inFiles: must have at least 1 item");
    assertThatThrownBy(() -> kit(Map.of("inFiles", List.of("a"), "outFile", "")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("outFile");
  }
}
