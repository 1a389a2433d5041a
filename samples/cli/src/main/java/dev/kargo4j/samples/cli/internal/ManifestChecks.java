package dev.kargo4j.samples.cli.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.model.AnalysisTemplateKind;
import dev.kargo4j.core.model.AnalysisTemplateReference;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.PromotionTaskKind;
import dev.kargo4j.core.model.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * The references between applied objects that Kargo's admission and controllers would refuse
 * or trip over: a Stage's Warehouse, upstream Stages, PromotionTasks and AnalysisTemplates must
 * exist in its Project. Stateless.
 */
public final class ManifestChecks {
  private ManifestChecks() {}

  /**
   * Checks {@code set} as a whole.
   *
   * @throws KargoException listing every broken reference (Stage, field path, what is missing)
   */
  public static void check(ManifestSet set) {
    List<String> problems = new ArrayList<>();
    for (Stage s : set.stages()) {
      String p = s.project();
      String where = "Stage " + p + "/" + s.name();
      List<FreightRequest> requests = s.spec().requestedFreight();
      for (int i = 0; i < requests.size(); i++) {
        FreightRequest r = requests.get(i);
        if ("Warehouse".equals(r.origin().kind()) && set.warehouse(p, r.origin().name()).isEmpty()) {
          problems.add(where + ": spec.requestedFreight[" + i + "].origin: Warehouse \"" + r.origin().name()
              + "\" is not applied in Project " + p);
        }
        List<String> ups = r.sources().stages();
        for (int j = 0; j < ups.size(); j++) {
          if (set.stage(p, ups.get(j)).isEmpty()) {
            problems.add(where + ": spec.requestedFreight[" + i + "].sources.stages[" + j + "]: Stage \""
                + ups.get(j) + "\" is not applied in Project " + p);
          }
        }
      }
      if (s.spec().promotionTemplate() != null) {
        List<PromotionStep> steps = s.spec().promotionTemplate().steps();
        for (int i = 0; i < steps.size(); i++) {
          PromotionStep step = steps.get(i);
          if (step.task() == null) {
            continue;
          }
          boolean cluster = step.task().kind() == PromotionTaskKind.CLUSTER_PROMOTION_TASK;
          boolean found = cluster ? set.clusterPromotionTask(step.task().name()).isPresent()
              : set.promotionTask(p, step.task().name()).isPresent();
          if (!found) {
            problems.add(where + ": spec.promotionTemplate.spec.steps[" + i + "].task: "
                + (cluster ? "ClusterPromotionTask" : "PromotionTask") + " \"" + step.task().name()
                + "\" is not applied" + (cluster ? "" : " in Project " + p));
          }
        }
      }
      if (s.spec().verification() != null) {
        List<AnalysisTemplateReference> refs = s.spec().verification().analysisTemplates();
        for (int i = 0; i < refs.size(); i++) {
          AnalysisTemplateReference ref = refs.get(i);
          boolean cluster = ref.kind() == AnalysisTemplateKind.CLUSTER_ANALYSIS_TEMPLATE;
          boolean found = cluster
              ? set.analysisTemplates().stream().anyMatch(t -> t.clusterScoped() && t.name().equals(ref.name()))
              : set.analysisTemplate(p, ref.name()).isPresent();
          if (!found) {
            problems.add(where + ": spec.verification.analysisTemplates[" + i + "]: "
                + (cluster ? "ClusterAnalysisTemplate" : "AnalysisTemplate") + " \"" + ref.name()
                + "\" is not applied" + (cluster ? "" : " in Project " + p));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new KargoException("the manifests refer to objects that do not exist (nothing was applied):\n  "
          + String.join("\n  ", problems));
    }
  }
}
