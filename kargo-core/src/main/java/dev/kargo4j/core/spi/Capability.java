package dev.kargo4j.core.spi;

import java.net.http.HttpClient;
import java.util.Objects;

/**
 * A typed key for something a step needs from its host: credentials, an HTTP client, an Argo CD
 * client, the Kargo store. A runner declares the capabilities it needs in
 * {@link StepRunner#capabilities()}; the host supplies values when it builds the engine; the
 * {@link StepContext} hands a runner only what it declared. Modules define their own keys as
 * constants (e.g. the Argo CD module's client).
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

  private Capability(String name, Class<T> type) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
  }

  /** A capability key named {@code name} whose values are of {@code type}. */
  public static <T> Capability<T> of(String name, Class<T> type) {
    return new Capability<>(name, type);
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
