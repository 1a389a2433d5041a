package dev.kargo4j.core.model;

import dev.kargo4j.core.model.internal.WireNames;

/** The kind of repository a credentials Secret is for (label {@code kargo.akuity.io/cred-type}). */
public enum CredentialType {
  /** {@code git} */
  GIT("git"),
  /** {@code helm} */
  HELM("helm"),
  /** {@code image} */
  IMAGE("image"),
  /** {@code generic} */
  GENERIC("generic");

  private final String wireName;

  CredentialType(String wireName) {
    this.wireName = wireName;
  }

  /** The name Kargo uses in YAML. */
  public String wireName() {
    return wireName;
  }

  /**
   * The constant for a Kargo wire name.
   *
   * @throws InvalidModelException naming the allowed values when unknown
   */
  public static CredentialType fromWireName(String text) {
    return WireNames.parse(CredentialType.class, text, CredentialType::wireName);
  }
}
