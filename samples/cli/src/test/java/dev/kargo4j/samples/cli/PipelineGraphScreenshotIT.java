package dev.kargo4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML graph as a browser draws it: headless Chromium takes a 1280x800 screenshot of the
 * page, kept in {@code target/pipeline-graph.png}; every Stage colour must be on it. Skips with
 * a message when Chromium is not installed.
 */
class PipelineGraphScreenshotIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path tmp;

  @Test
  void chromiumDrawsEveryStageInItsColour() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
        + ": apt-get install -y --no-install-recommends chromium (CI must install it)");
    Path page = Files.createDirectories(Path.of("target")).resolve("pipeline-graph.html");
    Files.writeString(page, new AdvancedShape().graph().html(), StandardCharsets.UTF_8);
    Path png = Path.of("target", "pipeline-graph.png").toAbsolutePath();
    Files.deleteIfExists(png);

    List<String> command = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + tmp.resolve("profile"), "--screenshot=" + png, "--window-size=1280,800",
        page.toAbsolutePath().toUri().toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile())
        .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90s; log: " + log());
    }
    assertThat(png).as("chromium log: %s", log()).exists();

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(800);
    assertThat(Files.size(png)).isGreaterThan(20_000);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    assertThat(colours.size()).as("distinct colours").isGreaterThan(200);
    List<String> missing = new ArrayList<>();
    for (String hex : new String[] {"0ea5e9", "f59e0b", "84cc16", "14b8a6", "3b82f6", "8b5cf6", "a855f7", "d946ef"}) {
      if (!present(image, Integer.parseInt(hex, 16))) {
        missing.add("#" + hex);
      }
    }
    assertThat(missing).as("Stage colours not found on the screenshot").isEmpty();
  }

  /** Whether a block of pixels within a small distance of {@code rgb} is on the image. */
  private static boolean present(BufferedImage image, int rgb) {
    int found = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int c = image.getRGB(x, y);
        int dr = Math.abs(((c >> 16) & 0xff) - ((rgb >> 16) & 0xff));
        int dg = Math.abs(((c >> 8) & 0xff) - ((rgb >> 8) & 0xff));
        int db = Math.abs((c & 0xff) - (rgb & 0xff));
        if (dr + dg + db < 12 && ++found > 400) {
          return true;
        }
      }
    }
    return false;
  }

  private String log() throws IOException {
    Path l = tmp.resolve("chromium.log");
    return Files.exists(l) ? Files.readString(l) : "(none)";
  }
}
