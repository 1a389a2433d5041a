package dev.kargo4j.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.kargo4j.core.spi.InvalidConfigException;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds a rendered, JSON-like step config to a runner's config record, strictly: unknown
 * fields, wrong types and the record's own checks fail with the field path. Thread-safe.
 */
public final class ConfigBinder {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
      .build();

  static {
    // a JSON string is never silently turned into a number or a boolean, nor the other way round
    MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
  }

  private ConfigBinder() {}

  /**
   * Binds {@code config} to {@code type}.
   *
   * @param where prefix for error messages, e.g. {@code steps[update-image].config}
   */
  public static <T> T bind(Map<String, ?> config, Class<T> type, String where) {
    try {
      return MAPPER.convertValue(config, type);
    } catch (IllegalArgumentException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw translate(cause, where);
    }
  }

  private static InvalidConfigException translate(Throwable cause, String where) {
    if (cause instanceof ValueInstantiationException vie && vie.getCause() instanceof InvalidConfigException ice) {
      String path = path(vie, where);
      return new InvalidConfigException(path + (path.endsWith(".") ? "" : ".") + ice.getMessage(), null);
    }
    if (cause instanceof UnrecognizedPropertyException upe) {
      TreeSet<String> allowed = new TreeSet<>();
      if (upe.getKnownPropertyIds() != null) {
        upe.getKnownPropertyIds().forEach(id -> allowed.add(String.valueOf(id)));
      }
      return new InvalidConfigException(path(upe, where) + ": unknown field; allowed: "
          + String.join(", ", allowed));
    }
    if (cause instanceof InvalidFormatException ife) {
      return new InvalidConfigException(path(ife, where) + ": invalid value; expected "
          + describe(ife.getTargetType()));
    }
    if (cause instanceof MismatchedInputException mie) {
      return new InvalidConfigException(path(mie, where) + ": wrong type; expected "
          + describe(mie.getTargetType()));
    }
    if (cause instanceof JsonMappingException jme) {
      return new InvalidConfigException(path(jme, where) + ": " + jme.getOriginalMessage());
    }
    if (cause instanceof JsonProcessingException jpe) {
      return new InvalidConfigException(where + ": " + jpe.getOriginalMessage());
    }
    return new InvalidConfigException(where + ": " + cause.getMessage());
  }

  private static String path(JsonMappingException e, String where) {
    StringBuilder sb = new StringBuilder(where);
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (java.util.List.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (type.isEnum()) {
      TreeSet<String> names = new TreeSet<>();
      for (Object c : type.getEnumConstants()) {
        names.add(c.toString());
      }
      return "one of " + String.join(", ", names);
    }
    return "an object";
  }
}
