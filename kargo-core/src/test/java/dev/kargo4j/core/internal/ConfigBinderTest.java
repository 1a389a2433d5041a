package dev.kargo4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {
  record Image(String image, String tag, String digest) {
    Image {
      ConfigRules.required(image, "image");
      ConfigRules.exactlyOne("tag, digest", tag, digest);
    }
  }

  record Config(String path, List<Image> images, boolean force, Integer maxAttempts) {
    Config {
      ConfigRules.required(path, "path");
      images = images == null ? List.of() : List.copyOf(images);
    }
  }

  @Test
  void bindsRecordsWithDefaults() {
    Config c = ConfigBinder.bind(Map.of("path", "env/dev", "images",
        List.of(Map.of("image", "nginx", "tag", "1.27"))), Config.class, "steps[x].config");
    assertThat(c.path()).isEqualTo("env/dev");
    assertThat(c.images()).containsExactly(new Image("nginx", "1.27", null));
    assertThat(c.force()).isFalse();
    assertThat(c.maxAttempts()).isNull();
  }

  @Test
  void unknownFieldNamesPathAndAllowed() {
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of("path", "a", "pth", "b"), Config.class, "steps[x].config"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("steps[x].config.pth: unknown field; allowed: force, images, maxAttempts, path");
  }

  @Test
  void wrongTypeNamesPath() {
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of("path", "a", "force", "yes"), Config.class, "steps[x].config"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("steps[x].config.force: ").hasMessageContaining("boolean");
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of("path", 42), Config.class, "steps[x].config"))
        .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("steps[x].config.path: ");
  }

  @Test
  void recordRulesGetThePath() {
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of("path", "a", "images",
            List.of(Map.of("image", "nginx"))), Config.class, "steps[x].config"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("steps[x].config.images[0].tag, digest: exactly one must be set, none is");
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of(), Config.class, "steps[x].config"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("steps[x].config.path: required field is missing");
  }
}
