package dev.kargo4j.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.Condition;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.WarehouseStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Completing a candidate outcome once its Freight was admitted, or failed to be. */
class DiscoveryOutcomeTest {
  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  private static final Instant T1 = T0.plusSeconds(300);

  private static DiscoveryOutcome candidate() {
    WarehouseStatus status = new WarehouseStatus(List.of(
        new Condition(WarehouseDiscoverer.HEALTHY, "True", 7, T0, "ReconciliationSucceeded", ""),
        new Condition(WarehouseDiscoverer.FREIGHT_CREATED, "True", 7, T0, "NewFreight", "old")),
        null, 7, "old-id", new DiscoveredArtifacts(T1, List.of(), List.of(), List.of(), List.of()));
    Freight f = new Freight(ObjectMeta.of("demo", "abc"), "", T1, FreightOrigin.warehouse("wh"), List.of(),
        List.of(Image.of("ghcr.io/x", "1.0.0", "")), List.of(), List.of(), null);
    return new DiscoveryOutcome("demo", "wh", status, f, false, null);
  }

  @Test
  void admittedFreightSetsFreightCreatedAndTheLastFreightId() {
    DiscoveryOutcome c = candidate();
    Freight stored = c.freight().withAlias("brave-fox");
    DiscoveryOutcome created = c.withAdmittedFreight(stored, true);
    assertThat(created.created()).isTrue();
    assertThat(created.freight().alias()).isEqualTo("brave-fox");
    assertThat(created.status().lastFreightID()).isEqualTo("abc");
    // True stayed True: the transition time is kept
    assertThat(created.condition(WarehouseDiscoverer.FREIGHT_CREATED).get())
        .satisfies(x -> assertThat(x.lastTransitionTime()).isEqualTo(T0))
        .satisfies(x -> assertThat(x.reason()).isEqualTo("NewFreight"));

    DiscoveryOutcome existed = c.withAdmittedFreight(stored, false);
    assertThat(existed.created()).isFalse();
    assertThat(existed.condition(WarehouseDiscoverer.FREIGHT_CREATED).get())
        .satisfies(x -> assertThat(x.reason()).isEqualTo("AlreadyExists"))
        .satisfies(x -> assertThat(x.lastTransitionTime()).isEqualTo(T1))
        .satisfies(x -> assertThat(x.observedGeneration()).isEqualTo(7));
    assertThat(existed.status().conditions()).hasSize(2);
  }

  @Test
  void aFailedAdmissionMakesTheWarehouseUnhealthyWithoutFreight() {
    DiscoveryOutcome failed = candidate().withAdmissionFailure(new KargoException("disk full"));
    assertThat(failed.freight()).isNull();
    assertThat(failed.healthy()).isFalse();
    assertThat(failed.failure()).hasMessage("disk full");
    assertThat(failed.condition(WarehouseDiscoverer.HEALTHY).get()).satisfies(x -> {
      assertThat(x.reason()).isEqualTo("FreightBuildFailure");
      assertThat(x.message()).isEqualTo("Error creating Freight \"abc\" in namespace \"demo\": disk full");
      assertThat(x.lastTransitionTime()).isEqualTo(T1);
    });
    assertThat(failed.condition(WarehouseDiscoverer.READY).get().reason()).isEqualTo("FreightCreationFailure");
    assertThat(failed.status().lastFreightID()).isEqualTo("old-id");
    assertThatThrownBy(() -> failed.withAdmittedFreight(candidate().freight(), true))
        .isInstanceOf(IllegalStateException.class);
  }
}
