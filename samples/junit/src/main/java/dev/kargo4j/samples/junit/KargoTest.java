package dev.kargo4j.samples.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives every test of the class a fresh {@link KargoProject} parameter: a Kargo Project with
 * an in-memory store, a local git remote (a bare repository on disk) and a
 * {@link dev.kargo4j.testkit.ManualClock}.
 *
 * <pre>{@code
 * @KargoTest(project = "shop")
 * class PipelineTest {
 *   @Test
 *   void promotesToDev(KargoProject kargo) {
 *     kargo.capability(GitHostPolicy.CAPABILITY, GitHostPolicy.allowingLocalRepositories()); // file:// remote
 *     kargo.remote().commit("main", Map.of("app.yaml", "image: shop:1.0.0\n"), "initial");
 *     kargo.apply(manifestsMentioning(kargo.remote().url()));
 *     Freight f = kargo.createFreight("shop", Image.of("registry.example.com/shop", "1.1.0", ""));
 *     assertThat(kargo.promote("dev", f).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
 *     assertThat(kargo.remote().read("env/dev", "app.yaml")).contains("image: shop:1.1.0\n");
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(KargoExtension.class)
public @interface KargoTest {
  /** The Project's name (its Kargo namespace); manifests are applied into it. */
  String project() default "test-project";

  /** Where the manual clock starts, ISO-8601. */
  String startAt() default "2026-01-01T00:00:00Z";
}
