package dev.kargo4j.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's tour snippets do what the README says. */
class EmbeddingTourTest {
  @TempDir Path tmp;

  private static Freight release(String tag) {
    return new Freight(ObjectMeta.of("tour", ""), "", null, FreightOrigin.warehouse("guestbook"), List.of(),
        List.of(Image.of("ghcr.io/akuity/guestbook", tag, "")), List.of(), List.of(), null);
  }

  @Test
  void freightPromotedToDevBecomesAvailableToStaging() throws Exception {
    Path kargo = Path.of(getClass().getResource("/tour").toURI());
    List<Freight> available = EmbeddingTour.runAPipelineInProcess(kargo, tmp.resolve("state"), release("v0.0.2"));
    assertThat(available).singleElement().satisfies(f -> {
      assertThat(f.images().get(0).tag()).isEqualTo("v0.0.2");
      assertThat(f.isVerifiedIn("dev")).isTrue();
    });
  }

  @Test
  void dryRunRendersEveryStep() throws Exception {
    var manifests = Manifests.load(Path.of(getClass().getResource("/tour").toURI()));
    Freight f = release("v0.0.3");
    f = f.withMetadata(f.metadata().withName(dev.kargo4j.core.freight.FreightIds.generate(f)));
    assertThat(EmbeddingTour.dryRun(manifests, "tour", "staging", f)).singleElement().asString()
        .startsWith("step-1 file-write ").contains("path=./out/staging.yaml", "image: ghcr.io/akuity/guestbook:v0.0.3");
  }
}
