package dev.kargo4j.steps.kustomize.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kargo's rules for putting target images into a Kustomization's existing {@code images}
 * list, and for the commit message that describes the result
 * ({@code kustomize_image_setter.go}: {@code mergeImages}, {@code generateCommitMessage}).
 * Stateless and thread-safe.
 */
public final class ImageMerge {

  /**
   * Orders strings as Go's {@code strings.Compare} does (by UTF-8 bytes, which is code point
   * order), not by UTF-16 units.
   */
  public static final Comparator<String> GO_ORDER = ImageMerge::compareCodePoints;

  private ImageMerge() {}

  /**
   * The outcome of a merge.
   *
   * @param images the list to write into the file: sorted by name, no {@code *} left
   * @param byName every image by name after the merge, the input of the commit message; a
   *     target whose {@code *} found nothing to keep still shows the {@code *} here, as in Kargo
   */
  public record Merged(List<KustomizeImage> images, Map<String, KustomizeImage> byName) {
    public Merged {
      images = List.copyOf(images);
      TreeMap<String, KustomizeImage> sorted = new TreeMap<>(GO_ORDER);
      sorted.putAll(byName);
      byName = java.util.Collections.unmodifiableMap(sorted);
    }
  }

  /**
   * Merges {@code targets} (keyed by image name) into the {@code current} entries of a file.
   * A current entry with a target of the same name takes the target, where a target value of
   * {@code *} keeps the current value; current entries without a target are kept; any
   * {@code *} left becomes empty; the result is sorted by name.
   */
  public static Merged merge(List<KustomizeImage> current, Map<String, KustomizeImage> targets) {
    Map<String, KustomizeImage> merged = new TreeMap<>(GO_ORDER);
    merged.putAll(targets);
    for (KustomizeImage existing : current) {
      // looked up in the map being built, as Kargo does: with duplicate names the first wins
      KustomizeImage target = merged.get(existing.name());
      if (target == null) {
        merged.put(existing.name(), existing);
        continue;
      }
      if (KustomizeImage.PRESERVE.equals(target.newName())) {
        target = target.withNewName(existing.newName());
      }
      if (KustomizeImage.PRESERVE.equals(target.newTag())) {
        target = target.withNewTag(existing.newTag());
      }
      if (KustomizeImage.PRESERVE.equals(target.digest())) {
        target = target.withDigest(existing.digest());
      }
      merged.put(existing.name(), target);
    }
    List<KustomizeImage> images = new ArrayList<>(merged.size());
    for (KustomizeImage image : merged.values()) {
      if (KustomizeImage.PRESERVE.equals(image.newName())) {
        image = image.withNewName("");
      }
      if (KustomizeImage.PRESERVE.equals(image.newTag())) {
        image = image.withNewTag("");
      }
      if (KustomizeImage.PRESERVE.equals(image.digest())) {
        image = image.withDigest("");
      }
      images.add(image);
    }
    images.sort(Comparator.comparing(KustomizeImage::name, GO_ORDER));
    return new Merged(images, merged);
  }

  /**
   * Kargo's commit message: {@code Updated <path> to use new image[s]}, a blank line, then one
   * {@code - <reference>} line per image, sorted by key. Empty when there are no images.
   */
  public static String commitMessage(String path, Map<String, KustomizeImage> images) {
    if (images.isEmpty()) {
      return "";
    }
    StringBuilder message = new StringBuilder("Updated ").append(path).append(" to use new image");
    if (images.size() > 1) {
      message.append('s');
    }
    message.append('\n');
    List<String> keys = new ArrayList<>(images.keySet());
    keys.sort(GO_ORDER);
    for (String key : keys) {
      message.append("\n- ").append(images.get(key).reference());
    }
    return message.toString();
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
