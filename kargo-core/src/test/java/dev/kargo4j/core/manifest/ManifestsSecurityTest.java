package dev.kargo4j.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.internal.HostileDocuments;
import dev.kargo4j.core.model.Promotion;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 13, finding 10: manifests whose aliases amplify a large scalar are refused on load. */
class ManifestsSecurityTest {
  /** A Promotion whose step config repeats one anchored scalar of {@code scalarChars} {@code n} times. */
  static String amplifiedPromotion(int scalarChars, int n) {
    StringBuilder sb = new StringBuilder("""
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Promotion
        metadata:
          name: dev.01a.f1
          namespace: demo
        spec:
          stage: dev
          freight: f1
          steps:
          - uses: fail
            config:
              message: &s\s""").append("x".repeat(scalarChars)).append("\n      copies:\n");
    for (int i = 0; i < n; i++) {
      sb.append("      - *s\n");
    }
    return sb.toString();
  }

  @Test
  void scalarAliasAmplificationIsRefusedOnLoad() {
    // 1 MiB of text that would be 300 MiB once the Promotion is written out
    String yaml = amplifiedPromotion(1 << 20, 300);
    Throwable e = HostileDocuments.thrownWithin(Duration.ofSeconds(10), () -> Manifests.loadString("amp.yaml", yaml));
    assertThat(e).isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("amp.yaml").hasMessageContaining("expands to more than")
        .hasMessageContaining("alias");
  }

  @Test
  void aliasesThatStayWithinTheLimitStillLoad() {
    Promotion p = Manifests.defaults().readOne("ok.yaml", amplifiedPromotion(1000, 40), Promotion.class);
    assertThat(p.spec().steps().get(0).config()).containsKey("copies");
  }

  @Test
  void theExpansionLimitIsTheHostsToChange() {
    String yaml = amplifiedPromotion(1000, 40);
    Throwable e = HostileDocuments.thrownWithin(Duration.ofSeconds(10),
        () -> Manifests.builder().maxAliasExpansion(10_000).build().read("small.yaml", yaml));
    assertThat(e).isInstanceOf(InvalidManifestException.class).hasMessageContaining("plus 10000");
  }

  @Test
  void aBillionLaughsIsRefusedOnLoad() {
    String yaml = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, namespace: demo}
        data:
          a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
          b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
          c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
          d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
          e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
          f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
          g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
          h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
          i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """;
    Throwable e = HostileDocuments.thrownWithin(Duration.ofSeconds(10), () -> Manifests.loadString("lol.yaml", yaml));
    assertThat(e).isInstanceOf(InvalidManifestException.class).hasMessageContaining("lol.yaml")
        .hasMessageContaining("alias");
  }

  @Test
  void aHugeIntegerIsRefusedInLinearTime() {
    // an explicit !!int reaches BigInteger, which parses decimal text in quadratic time
    String yaml = amplifiedPromotion(10, 1).replace("message: &s", "n: !!int " + "7".repeat(2_000_000) + "\n      message: &s");
    Throwable e = HostileDocuments.thrownWithin(Duration.ofSeconds(10), () -> Manifests.loadString("num.yaml", yaml));
    assertThat(e).isInstanceOf(InvalidManifestException.class).hasMessageContaining("num.yaml:12")
        .hasMessageContaining("digits");
    assertThat(e.getMessage().length()).isLessThan(500);
  }
}
