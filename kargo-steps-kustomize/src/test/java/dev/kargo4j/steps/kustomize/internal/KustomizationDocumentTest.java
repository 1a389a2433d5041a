package dev.kargo4j.steps.kustomize.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.steps.kustomize.KustomizeException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

class KustomizationDocumentTest {
  private static final List<KustomizeImage> ONE = List.of(KustomizeImage.of("nginx", "", "1.27.0", ""));

  private static String edit(String text, List<KustomizeImage> images) {
    return KustomizationDocument.parse(text, "env/dev/kustomization.yaml").withImages(images);
  }

  @Test
  void addsTheFieldAtTheEndAndKeepsCommentsAndBlankLines() {
    String text = """
        # The dev overlay.
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization   # keep me

        resources:
        - ../../base  # the base
        namespace: guestbook-dev
        # trailing comment
        """;
    assertThat(edit(text, ONE)).isEqualTo("""
        # The dev overlay.
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization   # keep me

        resources:
        - ../../base  # the base
        namespace: guestbook-dev
        images:
        - name: nginx
          newTag: 1.27.0
        # trailing comment
        """);
  }

  @Test
  void replacesOnlyTheEntriesOfAnExistingList() {
    String text = """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        # images are set by Kargo
        images: # sorted by name
          - name: redis
            newTag: "6.0"   # old
          - name: nginx
            newTag: 1.19.0
        # the resources
        resources:
          - ../../base
        """;
    List<KustomizeImage> images = List.of(KustomizeImage.of("nginx", "", "1.27.0", ""),
        KustomizeImage.of("redis", "", "6.2", ""));
    assertThat(edit(text, images)).isEqualTo("""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        # images are set by Kargo
        images: # sorted by name
          - name: nginx
            newTag: 1.27.0
          - name: redis
            newTag: "6.2"
        # the resources
        resources:
          - ../../base
        """);
  }

  @Test
  void replacesAFlowOrEmptyValueAndKeepsItsComment() {
    assertThat(edit("kind: Kustomization\nimages: [] # none yet\nresources: []\n", ONE))
        .isEqualTo("kind: Kustomization\nimages: # none yet\n- name: nginx\n  newTag: 1.27.0\nresources: []\n");
    assertThat(edit("kind: Kustomization\nimages:\nresources: []\n", ONE))
        .isEqualTo("kind: Kustomization\nimages:\n- name: nginx\n  newTag: 1.27.0\nresources: []\n");
    assertThat(edit("kind: Kustomization\nimages: [{name: a, newTag: b},\n  {name: c}]\n", ONE))
        .isEqualTo("kind: Kustomization\nimages:\n- name: nginx\n  newTag: 1.27.0\n");
  }

  @Test
  void keepsWindowsLineEndingsAndAFileWithoutFinalNewline() {
    assertThat(edit("kind: Kustomization\r\nnamespace: a\r\n", ONE))
        .isEqualTo("kind: Kustomization\r\nnamespace: a\r\nimages:\r\n- name: nginx\r\n  newTag: 1.27.0\r\n");
    assertThat(edit("kind: Kustomization", ONE))
        .isEqualTo("kind: Kustomization\nimages:\n- name: nginx\n  newTag: 1.27.0\n");
  }

  @Test
  void handlesTextBeyondTheBasicMultilingualPlane() {
    String text = "# 🚀 release train\nkind: Kustomization # 🙂\nimages:\n- name: old # 🎉\n  newTag: x\n";
    assertThat(edit(text, ONE))
        .isEqualTo("# 🚀 release train\nkind: Kustomization # 🙂\nimages:\n- name: nginx\n  newTag: 1.27.0\n");
  }

  @Test
  void readsTheCurrentImagesIncludingTagSuffix() {
    KustomizationDocument doc = KustomizationDocument.parse("""
        images:
        - name: a
          newName: b
          tagSuffix: -debug
          newTag: 1.19
          digest: sha256:1
        - name: c
          newTag: ~
        """, "k.yaml");
    assertThat(doc.images()).containsExactly(new KustomizeImage("a", "b", "-debug", "1.19", "sha256:1"),
        new KustomizeImage("c", "", "", "", ""));
  }

  @Test
  void emptyListBecomesAnEmptyFlowList() {
    assertThat(edit("kind: K\nimages:\n- name: a\nnamespace: x\n", List.of()))
        .isEqualTo("kind: K\nimages: []\nnamespace: x\n");
  }

  @Test
  void quotesValuesThatWouldReadAsAnotherType() {
    String out = edit("kind: K\n", List.of(new KustomizeImage("app", "*x", "", "1.19", ""),
        KustomizeImage.of("b", "", "true", ""), KustomizeImage.of("c", "", "a: b", ""),
        KustomizeImage.of("d", "", "0x1F", "")));
    Object parsed = new Yaml(new LoaderOptions()).load(out);
    assertThat(parsed).isEqualTo(Map.of("kind", "K", "images", List.of(
        Map.of("name", "app", "newName", "*x", "newTag", "1.19"),
        Map.of("name", "b", "newTag", "true"),
        Map.of("name", "c", "newTag", "a: b"),
        Map.of("name", "d", "newTag", "0x1F"))));
  }

  @Test
  void rejectsWhatItCannotEditSafely() {
    assertThatThrownBy(() -> KustomizationDocument.parse("kind: [", "env/dev/kustomization.yaml"))
        .isInstanceOf(KustomizeException.class).hasMessageContaining("env/dev/kustomization.yaml:");
    assertThatThrownBy(() -> KustomizationDocument.parse("- a\n", "k.yaml"))
        .isInstanceOf(KustomizeException.class).hasMessageContaining("is not a YAML mapping");
    assertThatThrownBy(() -> KustomizationDocument.parse("images: {a: b}\n", "k.yaml").images())
        .isInstanceOf(KustomizeException.class).hasMessageContaining("k.yaml:1: the images field is a mapping");
    assertThatThrownBy(() -> KustomizationDocument.parse("images:\n- a\n", "k.yaml").images())
        .isInstanceOf(KustomizeException.class).hasMessageContaining("images[0] is a scalar");
    assertThatThrownBy(() -> edit("{kind: K}", ONE))
        .isInstanceOf(KustomizeException.class).hasMessageContaining("flow mapping");
    assertThatThrownBy(() -> edit("x: &i\n- name: a\nimages: *i\n", ONE))
        .isInstanceOf(KustomizeException.class).hasMessageContaining("alias");
    assertThatThrownBy(() -> KustomizationDocument.parse("images: []\nimages: []\n", "k.yaml"))
        .isInstanceOf(KustomizeException.class);
  }

  /** Whatever the images, the text before and after the images block is unchanged. */
  @Property(tries = 200)
  void editsOnlyTheImagesBlock(@ForAll("images") List<KustomizeImage> images) {
    String head = "# head\napiVersion: v1 # c\nimages:\n";
    String tail = "# after\nresources:\n- ../base\n";
    String text = head + "- name: old\n  newTag: \"1.0\"\n" + tail;
    String out = edit(text, images);
    assertThat(out).startsWith(head.substring(0, head.length() - (images.isEmpty() ? 1 : 0)));
    assertThat(out).endsWith(tail);
    KustomizationDocument reparsed = KustomizationDocument.parse(out, "k.yaml");
    assertThat(reparsed.images()).isEqualTo(images);
  }

  @Provide
  Arbitrary<List<KustomizeImage>> images() {
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(12),
        Arbitraries.of("1.19", "true", "null", "~", "*", "-", "a: b", "x #y", "0o17", "1:20", "2024-01-01", "'q'",
            "\"dq\"", "é", "🚀", "- x", "? y", ": z", "[a]", "{b}", "tab\there", "line\nbreak"));
    Arbitrary<String> optional = Arbitraries.oneOf(Arbitraries.just(""), value);
    Arbitrary<KustomizeImage> image = Combinators.combine(value, optional, optional, optional, optional)
        .as(KustomizeImage::new);
    return image.list().ofMaxSize(4);
  }
}
