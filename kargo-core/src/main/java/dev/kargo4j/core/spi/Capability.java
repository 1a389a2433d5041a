package dev.kargo4j.core.spi;

import java.net.http.HttpClient;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed key for something a step needs from its host: credentials, an HTTP client, an Argo CD
 * client, the Kargo store. A runner declares the capabilities it needs in
 * {@link StepRunner#capabilities()}; the host supplies values when it builds the engine; the
 * {@link StepContext} hands a runner only what it declared. Modules define their own keys as
 * constants (e.g. the Argo CD module's client).
 *
 * <p>A capability may carry a default ({@link #of(String, Class, Object)}): what a runner gets when
 * the host supplied no value, so that a module can add a host setting (e.g. a security policy)
 * without making every existing host supply it.
 *
 * <p>Two capabilities are equal when their names are equal. Immutable and thread-safe.
 *
 * @param <T> the type of the supplied value
 */
public final class Capability<T> {

  /** The host's credentials, looked up by type and repository URL. */
  public static final Capability<CredentialsProvider> CREDENTIALS =
      of("credentials", CredentialsProvider.class);

  /**
   * The Kargo store the promotion runs against, for the steps that change Kargo's own objects
   * ({@code set-metadata}, {@code set-freight-alias}).
   */
  public static final Capability<Store> STORE = of("kargo-store", Store.class);

  /**
   * A shared JDK HTTP client for its connection pool, TLS and proxy settings. The built-in
   * default follows no redirects; send through {@link BoundedHttpClient}, which follows them
   * hop by hop, bounds time and body size and keeps credentials on their host.
   */
  public static final Capability<HttpClient> HTTP_CLIENT = of("http-client", HttpClient.class);

  private final String name;
  private final Class<T> type;
  private final T defaultValue;

  private Capability(String name, Class<T> type, T defaultValue) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.defaultValue = defaultValue == null ? null : type.cast(defaultValue);
  }

  /** A capability key named {@code name} whose values are of {@code type}; the host must supply it. */
  public static <T> Capability<T> of(String name, Class<T> type) {
    return new Capability<>(name, type, null);
  }

  /**
   * A capability key named {@code name} whose values are of {@code type}, worth
   * {@code defaultValue} (not null) when the host supplies none.
   */
  public static <T> Capability<T> of(String name, Class<T> type, T defaultValue) {
    return new Capability<>(name, type, Objects.requireNonNull(defaultValue, "defaultValue"));
  }

  /** The value used when the host supplies none; empty when the host must supply one. */
  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  /** {@code value} checked against this key's type. */
  public T cast(Object value) {
    return type.cast(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Capability<?> c && c.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
