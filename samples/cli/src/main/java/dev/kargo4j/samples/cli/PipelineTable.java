package dev.kargo4j.samples.cli;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightReference;
import dev.kargo4j.core.model.PromotionReference;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.samples.cli.internal.ArtifactText;
import dev.kargo4j.samples.cli.internal.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline as a table, one row per Stage: where it takes Freight from, the Freight it
 * holds (by alias) and its artifacts, health, verification and last promotion. What
 * {@code kargo4j get stages} and the quickstart print. Stateless.
 *
 * <pre>
 * NAME        UPSTREAM    FREIGHT       ARTIFACTS                         HEALTH    VERIFICATION   LAST PROMOTION
 * dev         greeter     brave-tiger   ghcr.io/kargo4j/greeter:1.4.0 ... Healthy   Successful     Succeeded
 * </pre>
 */
public final class PipelineTable {
  private PipelineTable() {}

  /**
   * The table of {@code stages} (with their status) in the given order.
   *
   * @param freight the Project's Freight, to name Freight by alias
   */
  public static String render(List<Stage> stages, List<Freight> freight) {
    return table(stages, freight).render();
  }

  static Table table(List<Stage> stages, List<Freight> freight) {
    Table t = new Table("NAME", "UPSTREAM", "FREIGHT", "ARTIFACTS", "HEALTH", "VERIFICATION", "LAST PROMOTION");
    for (Stage st : stages) {
      List<String> up = new ArrayList<>();
      st.spec().requestedFreight().forEach(r -> {
        if (r.sources().direct()) {
          up.add(r.origin().name());
        }
        up.addAll(r.sources().stages());
      });
      FreightCollection c = st.status().currentFreight();
      String fr = "";
      String arts = "";
      String ver = "";
      if (c != null) {
        List<String> names = new ArrayList<>();
        List<String> a = new ArrayList<>();
        for (FreightReference r : c.references()) {
          names.add(freight.stream().filter(f -> f.name().equals(r.name())).map(Freight::alias)
              .filter(x -> !x.isEmpty()).findFirst().orElse(r.name().substring(0, Math.min(7, r.name().length()))));
          a.add(ArtifactText.of(r.images(), r.commits(), r.charts()));
        }
        fr = String.join(",", names);
        arts = String.join(" ", a);
        VerificationInfo v = c.currentVerification();
        ver = v == null ? "" : v.phase().wireName();
      } else if (st.isControlFlow()) {
        // a control-flow Stage holds nothing: show the newest Freight it passed on
        ver = "(control flow)";
        Freight passed = freight.stream().filter(f -> f.isVerifiedIn(st.name()))
            .max(java.util.Comparator.comparing((Freight f) -> f.status().verifiedIn().get(st.name()).verifiedAt(),
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())))
            .orElse(null);
        if (passed != null) {
          fr = passed.alias().isEmpty() ? passed.name().substring(0, 7) : passed.alias();
          arts = ArtifactText.of(passed.images(), passed.commits(), passed.charts());
        }
      }
      String health = st.status().health() == null || st.status().health().status() == null ? ""
          : st.status().health().status().wireName();
      PromotionReference last = st.status().currentPromotion() != null ? st.status().currentPromotion()
          : st.status().lastPromotion();
      String lp = last == null ? "" : (st.status().currentPromotion() != null ? "Running"
          : last.status() == null || last.status().phase() == null ? "" : last.status().phase().wireName());
      t.row(st.name(), String.join(",", up), fr, arts, health, ver, lp);
    }
    return t;
  }
}
