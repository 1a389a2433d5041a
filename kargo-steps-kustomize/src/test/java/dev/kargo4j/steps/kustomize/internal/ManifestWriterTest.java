package dev.kargo4j.steps.kustomize.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.steps.kustomize.KustomizeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestWriterTest {
  private static final String STREAM = """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: Team-A
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: Reader
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: Web
        namespace: Team-A
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
      ---
      apiVersion: example.com/v1alpha1
      kind: Widget
      metadata:
        name: w
        namespace: team-b
      """;

  @Test
  void splitsTheStreamIntoDocumentsWithTheirIdentity() {
    List<ManifestWriter.Resource> resources = ManifestWriter.split(STREAM);
    assertThat(resources).extracting(ManifestWriter.Resource::kind)
        .containsExactly("Namespace", "ClusterRole", "Deployment", "ConfigMap", "Widget");
    assertThat(resources.get(0).text()).isEqualTo("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Team-A\n");
    assertThat(resources.get(2).namespace()).isEqualTo("Team-A");
    assertThat(ManifestWriter.split("")).isEmpty();
  }

  @Test
  void kargoNamesIncludeTheNamespaceWheneverThereIsOne() {
    assertThat(ManifestWriter.fileNames(ManifestWriter.split(STREAM), "kargo").keySet()).containsExactly(
        "team-a-deployment-web.yaml", "configmap-settings.yaml", "team-b-widget-w.yaml",
        "namespace-team-a.yaml", "clusterrole-reader.yaml");
  }

  @Test
  void kustomizeNamesAreGroupVersionKindNameWithTheNamespaceWhenThereAreSeveral() {
    // Team-A, default (the ConfigMap without namespace) and team-b: several namespaces
    assertThat(ManifestWriter.fileNames(ManifestWriter.split(STREAM), "kustomize").keySet()).containsExactly(
        "team-a_apps_v1_deployment_web.yaml", "v1_configmap_settings.yaml", "team-b_example.com_v1alpha1_widget_w.yaml",
        "v1_namespace_team-a.yaml", "rbac.authorization.k8s.io_v1_clusterrole_reader.yaml");
    String oneNamespace = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: x\n---\n"
        + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n";
    assertThat(ManifestWriter.fileNames(ManifestWriter.split(oneNamespace), "kustomize").keySet())
        .containsExactly("v1_service_s.yaml", "v1_namespace_x.yaml");
  }

  @Test
  void twoResourcesForOneFileAreAnError() {
    String clash = "apiVersion: a.example/v1\nkind: Thing\nmetadata:\n  name: t\n---\n"
        + "apiVersion: b.example/v1\nkind: Thing\nmetadata:\n  name: t\n";
    assertThatThrownBy(() -> ManifestWriter.fileNames(ManifestWriter.split(clash), "kargo"))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("cannot write both Thing t (a.example/v1) and Thing t (b.example/v1) to the file \"thing-t.yaml\"");
    assertThat(ManifestWriter.fileNames(ManifestWriter.split(clash), "kustomize")).hasSize(2);
  }

  @Test
  void namesThatWouldLeaveTheDirectoryAreRefused() {
    String bad = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ../../x\n";
    assertThatThrownBy(() -> ManifestWriter.fileNames(ManifestWriter.split(bad), "kargo"))
        .isInstanceOf(KustomizeException.class).hasMessageContaining("must not contain /");
  }
}
