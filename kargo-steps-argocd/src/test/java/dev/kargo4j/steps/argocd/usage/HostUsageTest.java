package dev.kargo4j.steps.argocd.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.spi.HealthChecker;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.steps.argocd.ArgoCdClient;
import dev.kargo4j.steps.argocd.ArgoCdClients;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module as a host sees it, from outside its packages. */
class HostUsageTest {
  @Test
  void stepsAndTheHealthCheckerAreDiscoverable() {
    Set<String> steps = ServiceLoader.load(StepRunner.class).stream().map(p -> p.get().kind())
        .collect(Collectors.toSet());
    assertThat(steps).contains("argocd-update", "argocd-wait");
    Set<String> checkers = ServiceLoader.load(HealthChecker.class).stream().map(p -> p.get().kind())
        .collect(Collectors.toSet());
    assertThat(checkers).contains("argocd-update");
    ServiceLoader.load(StepRunner.class).stream().map(ServiceLoader.Provider::get)
        .filter(r -> r.kind().startsWith("argocd-"))
        .forEach(r -> {
          assertThat(r.defaultTimeout()).contains(Duration.ofMinutes(5));
          assertThat(r.capabilities()).containsExactly(ArgoCdClient.CAPABILITY);
        });
  }

  @Test
  void buildersChainFromOutsideThePackage() {
    ArgoCdClient api = ArgoCdClients.apiServer().server("argocd.example.com").authToken("t")
        .requestTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(2)).insecureSkipTlsVerify(true)
        .rootPath("argo-cd/").header("X-Proxy", "1").build();
    assertThat(api.toString()).isEqualTo("ArgoCdClient[Argo CD API server at https://argocd.example.com/argo-cd]");
    ArgoCdClient kube = ArgoCdClients.kubernetes().server("https://10.0.0.1:6443/").token("t")
        .requestTimeout(Duration.ofSeconds(5)).build();
    assertThat(kube.toString()).isEqualTo("ArgoCdClient[Kubernetes API at https://10.0.0.1:6443]");
    assertThat(ArgoCdClient.CAPABILITY.name()).isEqualTo("argocd");
  }
}
