package dev.kargo4j.steps.git.internal;

import java.util.Objects;

/**
 * A commit author and committer identity. Kargo's defaults are {@code Kargo} and
 * {@code no-reply@kargo.io}.
 */
public record Author(String name, String email) {
  /** Kargo's identity when nothing else is configured. */
  public static final Author KARGO = new Author("Kargo", "no-reply@kargo.io");

  public Author {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
  }
}
