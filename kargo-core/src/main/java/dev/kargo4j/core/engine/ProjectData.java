package dev.kargo4j.core.engine;

import java.util.Map;

/**
 * The host's Secrets and ConfigMaps, read by the expression functions {@code secret()},
 * {@code sharedSecret()}, {@code configMap()} and {@code sharedConfigMap()}. Each returns an
 * empty map when the object does not exist, as Kargo does. Values read through the secret
 * functions are masked in everything the engine logs, stores or throws. Implementations are
 * thread-safe.
 */
public interface ProjectData {

  /** No Secrets and no ConfigMaps. */
  ProjectData NONE = new ProjectData() {};

  /** The data of Secret {@code name} in {@code project}. */
  default Map<String, String> secret(String project, String name) {
    return Map.of();
  }

  /**
   * The data of Secret {@code name} in the shared namespace; Kargo returns only Secrets
   * labelled {@code kargo.akuity.io/cred-type: generic}, and so must implementations.
   */
  default Map<String, String> sharedSecret(String name) {
    return Map.of();
  }

  /** The data of ConfigMap {@code name} in {@code project}. */
  default Map<String, String> configMap(String project, String name) {
    return Map.of();
  }

  /** The data of ConfigMap {@code name} in the shared namespace. */
  default Map<String, String> sharedConfigMap(String name) {
    return Map.of();
  }
}
