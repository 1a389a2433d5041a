package dev.kargo4j.core.manifest;

import dev.kargo4j.core.model.AnalysisRunArgument;
import dev.kargo4j.core.model.AnalysisRunMetadata;
import dev.kargo4j.core.model.AnalysisRunReference;
import dev.kargo4j.core.model.AnalysisTemplateKind;
import dev.kargo4j.core.model.AnalysisTemplateReference;
import dev.kargo4j.core.model.ApprovedStage;
import dev.kargo4j.core.model.ArtifactReference;
import dev.kargo4j.core.model.AutoPromotionHold;
import dev.kargo4j.core.model.AutoPromotionOptions;
import dev.kargo4j.core.model.AutoPromotionSelectionPolicy;
import dev.kargo4j.core.model.AvailabilityStrategy;
import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.Condition;
import dev.kargo4j.core.model.CurrentStage;
import dev.kargo4j.core.model.ExpressionVariable;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightReference;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.FreightSources;
import dev.kargo4j.core.model.FreightStatus;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.Health;
import dev.kargo4j.core.model.HealthCheckStep;
import dev.kargo4j.core.model.HealthState;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionReference;
import dev.kargo4j.core.model.PromotionStatus;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.PromotionStepRetry;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.model.PromotionTaskKind;
import dev.kargo4j.core.model.PromotionTaskReference;
import dev.kargo4j.core.model.PromotionTemplate;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.StageSpec;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.core.model.Verification;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.model.VerifiedStage;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for model records. */
final class ModelArbitraries {
  private ModelArbitraries() {}

  static Arbitrary<String> label() {
    return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(0).ofMaxLength(10)
        .map(s -> "a" + s.replace("-", "") + (s.contains("-") ? "-x" : ""));
  }

  static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12),
        Arbitraries.of("", "true", "yes", "null", "~", "1", "0x1F", "1:30", "1.0", ".inf", "- x", "a: b", "#c",
            "'q'", "\"dq\"", "${{ vars.x }}", "multi\nline\n", "  lead", "trail ", "tab\tbed", "\u00e9\u4e2d\ud83d\ude00",
            "2024-01-01", "2024-01-01T00:00:00Z", "nel\u0085x", "ls\u2028x", "cr\rlf\n", "nul\u0000", "bom\ufeffx", "@at", "`tick", "*star", "&amp", "!bang", "%pct", "{b}", "[l]"));
  }

  static Arbitrary<Instant> instant() {
    return Combinators.combine(Arbitraries.longs().between(0, 4_102_444_800L), Arbitraries.integers().between(0, 999_999_999),
        Arbitraries.of(true, false)).as((s, n, whole) -> Instant.ofEpochSecond(s, whole ? 0 : n));
  }

  static Arbitrary<Duration> duration() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(Duration::ofNanos),
        Arbitraries.longs().between(0, 1_000_000).map(Duration::ofSeconds),
        Arbitraries.of(Duration.ZERO, Duration.ofMinutes(5), Duration.ofMillis(1500)));
  }

  static Arbitrary<Object> json(int depth) {
    Arbitrary<Object> leaf = Arbitraries.oneOf(
        text().map(s -> (Object) s),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e20, 0.1).map(d -> (Object) d),
        Arbitraries.bigIntegers().between(BigInteger.TWO.pow(63), BigInteger.TWO.pow(70)).map(b -> (Object) b),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(null));
    if (depth <= 0) {
      return leaf;
    }
    return Arbitraries.oneOf(leaf, jsonObject(depth - 1).map(m -> (Object) m),
        json(depth - 1).list().ofMaxSize(3).map(l -> (Object) l));
  }

  static Arbitrary<Map<String, Object>> jsonObject(int depth) {
    return Arbitraries.maps(text(), json(depth)).ofMaxSize(3).map(LinkedHashMap::new);
  }

  static Arbitrary<Map<String, String>> stringMap() {
    return Arbitraries.maps(text(), text()).ofMaxSize(3);
  }

  static <T> Arbitrary<T> orNull(Arbitrary<T> a) {
    return a.injectNull(0.3);
  }

  static Arbitrary<ObjectMeta> meta() {
    return Combinators.combine(label(), label(), stringMap(), stringMap(), orNull(instant()),
        Arbitraries.of("", "1", "42"))
        .as(ObjectMeta::new);
  }

  static Arbitrary<GitCommit> commit() {
    return Combinators.combine(text(), text(), text(), text(), text(), text(), text(), text()).as(GitCommit::new);
  }

  static Arbitrary<Image> image() {
    return Combinators.combine(text(), text(), text(), stringMap(), text()).as(Image::new);
  }

  static Arbitrary<Chart> chart() {
    return Combinators.combine(text(), text(), text(), text()).as(Chart::new);
  }

  static Arbitrary<ArtifactReference> artifact() {
    return Combinators.combine(text(), text(), text(), json(2)).as(ArtifactReference::new);
  }

  static Arbitrary<FreightStatus> freightStatus() {
    return Combinators.combine(
        Arbitraries.maps(label(), orNull(instant()).map(CurrentStage::new)).ofMaxSize(2),
        Arbitraries.maps(label(), Combinators.combine(orNull(instant()), orNull(duration())).as(VerifiedStage::new)).ofMaxSize(2),
        Arbitraries.maps(label(), orNull(instant()).map(ApprovedStage::new)).ofMaxSize(2),
        Arbitraries.maps(text().filter(s -> !s.isEmpty()), json(2)).ofMaxSize(2))
        .as(FreightStatus::new);
  }

  static Arbitrary<Freight> freight() {
    return Combinators.combine(meta(), text(), orNull(instant()), label().map(FreightOrigin::warehouse),
        commit().list().ofMaxSize(3), image().list().ofMaxSize(3), chart().list().ofMaxSize(2),
        artifact().list().ofMaxSize(2))
        .as((m, alias, at, origin, commits, images, charts, artifacts) -> new Object[] {
            m, alias, at, origin, commits, images, charts, artifacts})
        .filter(a -> !((List<?>) a[4]).isEmpty() || !((List<?>) a[5]).isEmpty()
            || !((List<?>) a[6]).isEmpty() || !((List<?>) a[7]).isEmpty())
        .flatMap(a -> freightStatus().map(status -> new Freight((ObjectMeta) a[0], (String) a[1],
            (Instant) a[2], (FreightOrigin) a[3], cast(a[4]), cast(a[5]), cast(a[6]), cast(a[7]), status)));
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> cast(Object o) {
    return (List<T>) o;
  }

  static Arbitrary<FreightReference> freightReference() {
    return Combinators.combine(text(), orNull(label().map(FreightOrigin::warehouse)), commit().list().ofMaxSize(2),
        image().list().ofMaxSize(2), chart().list().ofMaxSize(1), artifact().list().ofMaxSize(1))
        .as(FreightReference::new);
  }

  static Arbitrary<VerificationInfo> verificationInfo() {
    return Combinators.combine(text(), text(), orNull(instant()), orNull(Arbitraries.of(VerificationPhase.class)),
        text(), orNull(Combinators.combine(text(), text(), text()).as(AnalysisRunReference::new)), orNull(instant()))
        .as(VerificationInfo::new);
  }

  static Arbitrary<FreightCollection> collection() {
    return Combinators.combine(text(), Arbitraries.maps(text(), freightReference()).ofMaxSize(2),
        verificationInfo().list().ofMaxSize(2))
        .as(FreightCollection::new);
  }

  static Arbitrary<ExpressionVariable> var() {
    return Combinators.combine(Arbitraries.strings().withChars("abcXYZ_019").ofMaxLength(6).map(s -> "_" + s), text())
        .as(ExpressionVariable::new);
  }

  static Arbitrary<PromotionStep> step(int index, boolean allowTask) {
    Arbitrary<PromotionStep> uses = Combinators.combine(label(), Arbitraries.of("", "s" + index), text(),
        Arbitraries.of(true, false),
        orNull(Combinators.combine(orNull(duration()), Arbitraries.longs().between(0, 0xFFFF_FFFFL)).as(PromotionStepRetry::new)),
        var().list().ofMaxSize(2), jsonObject(2))
        .as((kind, as, cond, coe, retry, vars, config) -> new PromotionStep(kind, null, as, cond, coe, retry, vars, config));
    if (!allowTask) {
      return uses;
    }
    Arbitrary<PromotionStep> task = Combinators.combine(label(), orNull(Arbitraries.of(PromotionTaskKind.class)),
        Arbitraries.of("", "t" + index), var().list().ofMaxSize(2))
        .as((name, kind, as, vars) -> new PromotionStep("", new PromotionTaskReference(name, kind), as, "", false, null, vars, Map.of()));
    return Arbitraries.oneOf(uses, task);
  }

  static Arbitrary<List<PromotionStep>> steps(boolean allowTask) {
    return Arbitraries.integers().between(1, 3).flatMap(n -> {
      List<Arbitrary<PromotionStep>> list = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        list.add(step(i, allowTask));
      }
      return Combinators.combine(list).as(x -> x);
    });
  }

  static Arbitrary<PromotionStatus> promotionStatus() {
    Arbitrary<StepExecutionMetadata> meta = Combinators.combine(text(), orNull(instant()), orNull(instant()),
        Arbitraries.longs().between(0, 10), orNull(Arbitraries.of(PromotionStepStatus.class)), text(),
        Arbitraries.of(true, false)).as(StepExecutionMetadata::new);
    return Combinators.combine(text(), orNull(Arbitraries.of(PromotionPhase.class)), text(), orNull(freightReference()),
        orNull(collection()), Combinators.combine(label(), jsonObject(1)).as(HealthCheckStep::new).list().ofMaxSize(2),
        orNull(instant()), orNull(instant()))
        .as((r, phase, msg, fr, fc, hc, start, end) -> new Object[] {r, phase, msg, fr, fc, hc, start, end})
        .flatMap(a -> Combinators.combine(Arbitraries.longs().between(0, 5), meta.list().ofMaxSize(2), jsonObject(2))
            .as((cur, sem, state) -> new PromotionStatus((String) a[0], (PromotionPhase) a[1], (String) a[2],
                (FreightReference) a[3], (FreightCollection) a[4], cast(a[5]), (Instant) a[6], (Instant) a[7],
                cur, sem, state)));
  }

  static Arbitrary<StageSpec> stageSpec() {
    Arbitrary<FreightSources> sources = Combinators.combine(Arbitraries.of(true, false), label().list().ofMaxSize(2),
        orNull(duration().filter(d -> !d.isNegative())), orNull(Arbitraries.of(AvailabilityStrategy.class)),
        orNull(Arbitraries.just(new AutoPromotionOptions(AutoPromotionSelectionPolicy.NEWEST_FREIGHT))))
        .as((d, st, soak, avail, apo) -> new FreightSources(d || st.isEmpty(), st, soak, avail, apo));
    Arbitrary<List<FreightRequest>> requests = Arbitraries.integers().between(1, 3).flatMap(n -> {
      List<Arbitrary<FreightRequest>> list = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int idx = i;
        list.add(sources.map(s -> new FreightRequest(FreightOrigin.warehouse("w" + idx), s)));
      }
      return Combinators.combine(list).as(x -> x);
    });
    Arbitrary<PromotionTemplate> template = Combinators.combine(var().list().ofMaxSize(2), steps(true))
        .as(PromotionTemplate::new);
    Arbitrary<Verification> verification = Combinators.combine(
        Combinators.combine(label(), orNull(Arbitraries.of(AnalysisTemplateKind.class))).as(AnalysisTemplateReference::new)
            .list().ofMaxSize(2),
        orNull(Combinators.combine(stringMap(), stringMap()).as(AnalysisRunMetadata::new)),
        Combinators.combine(label(), text()).as(AnalysisRunArgument::new).list().ofMaxSize(2))
        .as(Verification::new);
    return Combinators.combine(text(), var().list().ofMaxSize(2), requests, orNull(template), orNull(verification))
        .as(StageSpec::new);
  }

  static Arbitrary<StageStatus> stageStatus() {
    Arbitrary<Condition> condition = Combinators.combine(label(), Arbitraries.of("True", "False", "Unknown"),
        Arbitraries.longs().between(0, 9), orNull(instant()), text(), text()).as(Condition::new);
    Arbitrary<Health> health = Combinators.combine(orNull(Arbitraries.of(HealthState.class)), text().list().ofMaxSize(2),
        json(1), json(1)).as(Health::new);
    Arbitrary<PromotionReference> ref = Combinators.combine(label(), orNull(freightReference()),
        orNull(promotionStatus()), orNull(instant())).as(PromotionReference::new);
    Arbitrary<AutoPromotionHold> hold = Combinators.combine(text(), label().map(FreightOrigin::warehouse), text(), text(),
        orNull(instant())).as(AutoPromotionHold::new);
    return Combinators.combine(condition.list().ofMaxSize(2), text(), collection().list().ofMaxSize(3), text(),
        orNull(health), Arbitraries.longs().between(0, 9), orNull(ref), orNull(ref))
        .as((c, r, h, s, he, g, cur, last) -> new Object[] {c, r, h, s, he, g, cur, last})
        .flatMap(a -> Combinators.combine(Arbitraries.of(true, false), Arbitraries.maps(text().filter(x -> !x.isEmpty()), json(1)).ofMaxSize(2),
            Arbitraries.maps(text(), hold).ofMaxSize(2), Arbitraries.maps(text(), hold).ofMaxSize(1))
            .as((auto, md, holds, eff) -> new StageStatus(cast(a[0]), (String) a[1], cast(a[2]), (String) a[3],
                (Health) a[4], (Long) a[5], (PromotionReference) a[6], (PromotionReference) a[7], auto, md, holds, eff)));
  }

  static Arbitrary<Stage> stage() {
    return Combinators.combine(meta(), stageSpec(), stageStatus()).as(Stage::new);
  }
}
