package dev.kargo4j.core.model.internal;

import dev.kargo4j.core.model.InvalidModelException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Lookup of enum constants by their Kargo wire name. */
public final class WireNames {
  private WireNames() {}

  /** Finds the constant whose wire name equals {@code text}, or fails listing the allowed ones. */
  public static <E extends Enum<E>> E parse(
      Class<E> type, String text, Function<E, String> wireName) {
    for (E e : type.getEnumConstants()) {
      if (wireName.apply(e).equals(text)) {
        return e;
      }
    }
    throw new InvalidModelException(
        "",
        "\"" + text + "\" is not allowed; allowed: "
            + Arrays.stream(type.getEnumConstants())
                .map(wireName)
                .collect(Collectors.joining(", ")));
  }
}
