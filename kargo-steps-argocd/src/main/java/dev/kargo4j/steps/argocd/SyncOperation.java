package dev.kargo4j.steps.argocd;

import dev.kargo4j.core.spi.JsonTree;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sync operation to start on an Application, as {@code argocd-update} starts it: who initiated
 * it, the {@code info} entries that mark it (Kargo writes the Promotion's name under
 * {@code kargo.akuity.io/promotion}), the sync options and retry strategy copied from the
 * Application's {@code spec.syncPolicy}, and when it was requested.
 *
 * <p>Over the Kubernetes API the operation is written as given. The Argo CD API server sets the
 * initiator itself (the token's subject) and receives the info entries as {@code infos}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param username the initiator's name; never null
 * @param automated whether the initiator is an automaton rather than a person
 * @param info ordered {@code name}/{@code value} pairs; never null
 * @param syncOptions e.g. {@code CreateNamespace=true}; never null
 * @param retry the retry strategy as JSON ({@code limit}, {@code backoff}), or null for none
 * @param requestedAt when the step asked for the sync, from the step's clock; never null
 */
public record SyncOperation(
    String username,
    boolean automated,
    List<Info> info,
    List<String> syncOptions,
    Map<String, Object> retry,
    Instant requestedAt) {

  public SyncOperation {
    Objects.requireNonNull(username, "username");
    info = List.copyOf(Objects.requireNonNull(info, "info"));
    syncOptions = List.copyOf(Objects.requireNonNull(syncOptions, "syncOptions"));
    retry = retry == null ? null : JsonTree.copyOf(retry);
    Objects.requireNonNull(requestedAt, "requestedAt");
  }

  /** The value of the info entry named {@code name}, or null. */
  public String infoValue(String name) {
    for (Info i : info) {
      if (i.name().equals(name)) {
        return i.value();
      }
    }
    return null;
  }

  /**
   * One {@code operation.info} entry.
   *
   * @param name never null
   * @param value never null
   */
  public record Info(String name, String value) {
    public Info {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }
}
