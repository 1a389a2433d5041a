package dev.kargo4j.expr.internal.builtins;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.expr.ExprFunction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;

/** Test helpers: call builtins by name with a fixed clock, build lists and maps with nils. */
final class Calls {
  private Calls() {}

  static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123456789Z");
  static final Map<String, ExprFunction> FUNCTIONS =
      Builtins.functions(Clock.fixed(NOW, ZoneOffset.UTC));

  static Object call(String name, Object... args) {
    ExprFunction f = FUNCTIONS.get(name);
    if (f == null) {
      throw new AssertionError("no builtin " + name);
    }
    return f.call(new ArrayList<>(Arrays.asList(args)));
  }

  static AbstractThrowableAssert<?, ? extends Throwable> callFails(String name, Object... args) {
    return assertThatThrownBy(() -> call(name, args)).isInstanceOf(IllegalArgumentException.class);
  }

  static Object invoke(Object target, String method, Object... args) {
    return Builtins.invoke(target, method, new ArrayList<>(Arrays.asList(args)));
  }

  static List<Object> list(Object... items) {
    return new ArrayList<>(Arrays.asList(items));
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
