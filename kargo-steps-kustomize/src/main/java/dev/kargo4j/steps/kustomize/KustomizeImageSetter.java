package dev.kargo4j.steps.kustomize;

import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.steps.kustomize.internal.ImageSetting;
import dev.kargo4j.steps.kustomize.internal.TargetImages;
import java.util.Map;

/**
 * Runs {@code kustomize-set-image} steps with Kargo's semantics: finds the one
 * {@code kustomization.yaml}, {@code kustomization.yml} or {@code Kustomization} in
 * {@code path}; merges the configured images (or, with no {@code images}, every image of the
 * target Freight collection) into its {@code images} field by name, where {@code *} keeps the
 * file's value, sorted by name; and outputs Kargo's {@code commitMessage}.
 *
 * <p>The file is edited in place: everything outside the entries of the {@code images} list
 * stays byte for byte as it was, comments included. Config errors fail the step
 * ({@link dev.kargo4j.core.spi.InvalidConfigException}); a missing or ambiguous Kustomization
 * or an unreadable file is a {@link KustomizeException} (the step is Errored, as in Kargo).
 *
 * <p>Stateless and thread-safe; found by {@link java.util.ServiceLoader}.
 */
public final class KustomizeImageSetter implements StepRunner {

  /** The step kind, {@value}. */
  public static final String KIND = "kustomize-set-image";

  /** Creates the runner; it has no settings. */
  public KustomizeImageSetter() {}

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public StepResult run(StepContext context) {
    KustomizeImageSetterConfig config = context.config(KustomizeImageSetterConfig.class);
    String message = ImageSetting.apply(context.workDir(), config.path(), () -> TargetImages.forStep(context, config));
    return StepResult.succeeded(message.isEmpty() ? Map.of() : Map.of("commitMessage", message));
  }
}
