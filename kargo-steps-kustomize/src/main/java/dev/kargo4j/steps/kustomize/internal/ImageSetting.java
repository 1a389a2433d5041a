package dev.kargo4j.steps.kustomize.internal;

import dev.kargo4j.core.spi.WorkDir;
import dev.kargo4j.steps.kustomize.KustomizeException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The work of {@code kustomize-set-image} once its config is bound: find the Kustomization
 * file, merge the target images into its {@code images} field in place, and describe the
 * change. Stateless and thread-safe; concurrent runs must use different files.
 */
public final class ImageSetting {
  private ImageSetting() {}

  /**
   * Sets images in the Kustomization file of {@code path}.
   *
   * @param targets computed only once the file was found (Kargo's order: a missing file is
   *     reported before an ambiguous Freight)
   * @return Kargo's commit message; empty when there were no images at all
   */
  public static String apply(WorkDir workDir, String path, Supplier<Map<String, KustomizeImage>> targets) {
    Path dir = workDir.resolve(path, "path");
    Path file = KustomizationFiles.find(dir, path);
    String shown = workDir.root().relativize(file).toString();
    Map<String, KustomizeImage> wanted = targets.get();
    String text = read(file, shown);
    KustomizationDocument document = KustomizationDocument.parse(text, shown);
    ImageMerge.Merged merged = ImageMerge.merge(document.images(), wanted);
    String updated = document.withImages(merged.images());
    if (!updated.equals(text)) {
      write(file, shown, updated);
    }
    return ImageMerge.commitMessage(path, merged.byName());
  }

  private static String read(Path file, String shown) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw new KustomizeException("could not read Kustomization file " + shown + ": it is not UTF-8 text");
    } catch (IOException e) {
      throw new KustomizeException("could not read Kustomization file " + shown + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String shown, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KustomizeException("could not write updated Kustomization file " + shown + ": " + e.getMessage(), e);
    }
  }
}
