package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.str;

import dev.kargo4j.core.model.internal.Checks;

/**
 * A variable ({@code vars[]}) of a Stage, promotion template, task or step: a {@code name}
 * matching {@code ^[a-zA-Z_]\w*$} and a {@code value} (may be empty, may contain expressions).
 *
 * <p>Immutable and thread-safe.
 */
public record ExpressionVariable(String name, String value) {
  /** Validates the name. */
  public ExpressionVariable {
    required("name", name);
    if (!Checks.VAR_NAME.matcher(name).matches()) {
      throw new InvalidModelException(
          "name",
          "\"" + name + "\" is not a valid variable name; allowed: ^[a-zA-Z_]\\w*$ (a letter or"
              + " '_' followed by letters, digits or '_')");
    }
    value = str(value);
  }
}
