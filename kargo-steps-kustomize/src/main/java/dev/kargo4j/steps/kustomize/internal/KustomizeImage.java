package dev.kargo4j.steps.kustomize.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of a Kustomization's {@code images} field (kustomize's {@code types.Image}). An
 * absent field is the empty string, as in Go, so that Kargo's merge rules read the same here.
 *
 * @param name the image name to match in the manifests, e.g. {@code nginx}
 * @param newName the replacement name, or empty
 * @param tagSuffix kustomize's tag suffix, kept when already in the file, or empty
 * @param newTag the replacement tag, or empty
 * @param digest the replacement digest, or empty
 */
public record KustomizeImage(String name, String newName, String tagSuffix, String newTag, String digest) {

  /** The value that, in a target image, means "keep what the file already has". */
  public static final String PRESERVE = "*";

  public KustomizeImage {
    name = name == null ? "" : name;
    newName = newName == null ? "" : newName;
    tagSuffix = tagSuffix == null ? "" : tagSuffix;
    newTag = newTag == null ? "" : newTag;
    digest = digest == null ? "" : digest;
  }

  /** An image with a name, a new name, a new tag and a digest (no tag suffix). */
  public static KustomizeImage of(String name, String newName, String newTag, String digest) {
    return new KustomizeImage(name, newName, "", newTag, digest);
  }

  public KustomizeImage withNewName(String value) {
    return new KustomizeImage(name, value, tagSuffix, newTag, digest);
  }

  public KustomizeImage withNewTag(String value) {
    return new KustomizeImage(name, newName, tagSuffix, value, digest);
  }

  public KustomizeImage withDigest(String value) {
    return new KustomizeImage(name, newName, tagSuffix, newTag, value);
  }

  /**
   * The non-empty fields in kustomize's order (name, newName, tagSuffix, newTag, digest), as
   * they are written into the file.
   */
  public List<Map.Entry<String, String>> fields() {
    List<Map.Entry<String, String>> fields = new ArrayList<>(5);
    add(fields, "name", name);
    add(fields, "newName", newName);
    add(fields, "tagSuffix", tagSuffix);
    add(fields, "newTag", newTag);
    add(fields, "digest", digest);
    return fields;
  }

  /**
   * The reference shown in a commit message: {@code (newName or name)[:newTag][@digest]}.
   */
  public String reference() {
    StringBuilder ref = new StringBuilder(newName.isEmpty() ? name : newName);
    if (!newTag.isEmpty()) {
      ref.append(':').append(newTag);
    }
    if (!digest.isEmpty()) {
      ref.append('@').append(digest);
    }
    return ref.toString();
  }

  private static void add(List<Map.Entry<String, String>> fields, String key, String value) {
    if (!value.isEmpty()) {
      fields.add(Map.entry(key, value));
    }
  }
}
