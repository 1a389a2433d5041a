package dev.kargo4j.core.spi;

/** The kinds of credentials Kargo distinguishes ({@code kargo.akuity.io/cred-type}). */
public enum CredentialType {
  GIT("git"),
  IMAGE("image"),
  HELM("helm"),
  GENERIC("generic");

  private final String label;

  CredentialType(String label) {
    this.label = label;
  }

  /** Kargo's spelling, the value of the {@code kargo.akuity.io/cred-type} label. */
  public String label() {
    return label;
  }

  /** The type labelled {@code label}. */
  public static CredentialType ofLabel(String label) {
    for (CredentialType t : values()) {
      if (t.label.equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown credential type '" + label + "'; allowed: git, image, helm, generic");
  }
}
