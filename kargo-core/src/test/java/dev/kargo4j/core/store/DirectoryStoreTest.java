package dev.kargo4j.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.WarehouseStatus;
import dev.kargo4j.core.spi.CorruptStoreException;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.spi.StoreException;
import dev.kargo4j.testkit.StoreContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryStoreTest extends StoreContract {
  @TempDir Path dir;

  @Override
  protected Store newStore() {
    return DirectoryStore.open(dir.resolve("store"), CLOCK);
  }

  private DirectoryStore reopen() {
    store.close();
    DirectoryStore s = DirectoryStore.open(dir.resolve("store"), CLOCK);
    store = s;
    return s;
  }

  @Test
  void everythingSurvivesAReopenInKargoYaml() throws IOException {
    Freight f = store.createFreight(freight("demo", "f1", "w", "happy-otter"));
    Promotion p = store.createPromotion(promotion("demo", "dev.01a.f1", "dev", "f1"));
    Store.Versioned<StageStatus> s = store.putStageStatus("demo", "dev", StageStatus.EMPTY.withFreightSummary("1/1"), null);
    Store.Versioned<WarehouseStatus> w = store.putWarehouseStatus("demo", "w", WarehouseStatus.EMPTY.withLastFreightID("f1"), null);
    Store again = reopen();
    assertThat(again.getFreight("demo", "f1")).contains(f);
    assertThat(again.getFreightByAlias("demo", "happy-otter")).contains(f);
    assertThat(again.getPromotion("demo", "dev.01a.f1")).contains(p);
    assertThat(again.listPromotionsByStage("demo", "dev")).containsExactly(p);
    assertThat(again.getStageStatus("demo", "dev")).contains(s);
    assertThat(again.getWarehouseStatus("demo", "w")).contains(w);
    Freight next = again.updateFreight(f.withAlias("brave-wolf"));
    assertThat(Long.parseLong(next.metadata().resourceVersion()))
        .isGreaterThan(Long.parseLong(w.resourceVersion()));

    Path file = dir.resolve("store/demo/freight/f1.yaml");
    String yaml = Files.readString(file);
    assertThat(yaml).startsWith("apiVersion: kargo.akuity.io/v1alpha1\nkind: Freight\nmetadata:\n  name: f1\n  namespace: demo\n");
    assertThat(Manifests.defaults().readOne("f1.yaml", yaml, Freight.class)).isEqualTo(next);
    assertThat(Files.readString(dir.resolve("store/demo/stages/dev.yaml")))
        .contains("kind: Stage").contains("freightSummary: 1/1").doesNotContain("spec:");
  }

  @Test
  void aDamagedFileIsReportedByName() throws IOException {
    store.createFreight(freight("demo", "f1", "w", ""));
    store.close();
    Path file = dir.resolve("store/demo/freight/f1.yaml");
    String yaml = Files.readString(file);
    Files.writeString(file, yaml.substring(0, yaml.length() / 2) + "\n  : [", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> DirectoryStore.open(dir.resolve("store"), CLOCK))
        .isInstanceOf(CorruptStoreException.class)
        .hasMessageStartingWith("store object " + file + " cannot be read: " + file)
        .satisfies(e -> assertThat(((CorruptStoreException) e).location()).isEqualTo(file.toString()));
    Files.writeString(file, "", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> DirectoryStore.open(dir.resolve("store"), CLOCK))
        .isInstanceOf(CorruptStoreException.class).hasMessageContaining("expected one YAML document, found 0");
    Files.writeString(file, yaml.replace("name: f1", "name: f2"), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> DirectoryStore.open(dir.resolve("store"), CLOCK))
        .isInstanceOf(CorruptStoreException.class).hasMessageContaining("it holds demo/f2 but its path says demo/f1");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
    assertThatThrownBy(() -> DirectoryStore.open(dir.resolve("store"), CLOCK))
        .isInstanceOf(CorruptStoreException.class).hasMessageContaining("not valid UTF-8");
    store = DirectoryStore.open(dir.resolve("other"), CLOCK);
  }

  @Test
  void leftOverTemporaryFilesAreRemoved() throws IOException {
    Freight f = store.createFreight(freight("demo", "f1", "w", ""));
    store.close();
    Path tmp = dir.resolve("store/demo/freight/.f1.yaml.tmp-123-1");
    Files.writeString(tmp, "apiVersion: kargo.akuity.io/v1alpha1\nkind: Frei");
    Store again = reopen();
    assertThat(again.getFreight("demo", "f1")).contains(f);
    assertThat(tmp).doesNotExist();
  }

  @Test
  void aSecondStoreOnTheSameFolderIsRefused() {
    assertThatThrownBy(() -> DirectoryStore.open(dir.resolve("store"), CLOCK))
        .isInstanceOf(StoreException.class).hasMessageContaining("is already open");
  }
}
