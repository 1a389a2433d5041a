package dev.kargo4j.steps.argocd;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.HealthCheckContext;
import dev.kargo4j.core.spi.InvalidConfigException;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A HealthCheckContext for tests (kargo-core's test kit has none for health checks). */
record TestHealthContext(Map<String, Object> config, ArgoCdClient client, Clock clock) implements HealthCheckContext {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Override
  public String project() {
    return Apps.PROJECT;
  }

  @Override
  public String stage() {
    return Apps.STAGE;
  }

  @Override
  public <T> T config(Class<T> type) {
    try {
      return MAPPER.convertValue(config, type);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("healthCheck.config: " + e.getMessage(), e);
    }
  }

  @Override
  public <T> T capability(Capability<T> capability) {
    return capability.cast(client);
  }

  @Override
  public Logger logger() {
    return LoggerFactory.getLogger("kargo4j.health.argocd-update");
  }
}
