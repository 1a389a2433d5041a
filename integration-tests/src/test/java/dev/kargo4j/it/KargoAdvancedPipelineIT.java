package dev.kargo4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kargo4j.core.engine.PromotionEngine;
import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.pipeline.HealthCheckerRegistry;
import dev.kargo4j.core.pipeline.PipelineListener;
import dev.kargo4j.core.pipeline.PromotionHandle;
import dev.kargo4j.core.pipeline.ProjectRuntime;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.store.DirectoryStore;
import dev.kargo4j.testkit.ManualClock;
import dev.kargo4j.steps.argocd.ArgoCdClient;
import dev.kargo4j.steps.argocd.ArgoCdClients;
import dev.kargo4j.steps.argocd.ArgoCdPeer;
import dev.kargo4j.testpeers.GitHttpServer;
import dev.kargo4j.testpeers.TestPeers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kargo-advanced sample pipeline ({@code kargo4j.fixtures}/kargo-advanced), its manifests
 * unchanged but for the repository and web-metric URLs, run end to end: a real smart-HTTP git
 * server seeded with the sample's {@code base/} and {@code env/}, real kustomize
 * ({@code kubectl kustomize}), the Argo CD API stand-in with one Application per Stage that its
 * controller simulation syncs, and a local server answering like the PokeAPI for the
 * {@code pokemon-xp} verification. Time is a manual clock: the five measurements five seconds
 * apart take no wall time.
 */
class KargoAdvancedPipelineIT {
  private static final String PROJECT = "kargo-advanced";
  private static final String UPSTREAM_REPO = "https://github.com/akuity/kargo-advanced.git";
  private static final String IMAGE = "ghcr.io/akuity/guestbook";
  private static final String TOKEN = "argocd-token-for-tests";
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  private static final List<String> PROMOTING = List.of("dev", "staging", "ab-test-a", "ab-test-b", "prod-east",
      "prod-west", "prod-central");

  @TempDir Path tmp;

  private final ManualClock clock = ManualClock.at(T0);
  private final List<String> pokemonAsked = new CopyOnWriteArrayList<>();
  private final Map<String, Set<String>> stepThreads = new ConcurrentHashMap<>();
  private GitHttpServer git;
  private ArgoCdPeer argo;
  private HttpServer pokeApi;
  private DirectoryStore store;
  private ProjectRuntime runtime;
  private String repoUrl;

  @BeforeEach
  void startPeers() throws IOException {
    String fixtures = System.getProperty("kargo4j.fixtures");
    Path sample = fixtures == null ? null : Path.of(fixtures, "kargo-advanced");
    Assumptions.assumeTrue(sample != null && Files.isDirectory(sample.resolve("kargo")),
        "skipped: the shared fixtures are not available (system property kargo4j.fixtures = " + fixtures + ")");
    Assumptions.assumeTrue(TestPeers.findBinary("kubectl").isPresent() || TestPeers.findBinary("kustomize").isPresent(),
        "skipped: neither kubectl nor kustomize is on the PATH");

    git = GitHttpServer.start();
    Path seed = Files.createDirectories(tmp.resolve("seed"));
    copyTree(sample.resolve("base"), seed.resolve("base"));
    copyTree(sample.resolve("env"), seed.resolve("env"));
    repoUrl = git.createRepo("kargo-advanced", seed);

    pokeApi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    pokeApi.createContext("/api/v2/pokemon/", ex -> {
      String name = ex.getRequestURI().getPath().substring("/api/v2/pokemon/".length());
      pokemonAsked.add(name);
      Integer xp = Map.of("pikachu", 112, "charizard", 267).get(name);
      byte[] body = (xp == null ? "Not Found" : "{\"name\":\"" + name + "\",\"base_experience\":" + xp + "}")
          .getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(xp == null ? 404 : 200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    pokeApi.start();

    argo = ArgoCdPeer.start(clock, TOKEN);
    for (String stage : PROMOTING) {
      argo.addGitApp("guestbook-" + stage, repoUrl, "env/" + stage, PROJECT + ":" + stage);
    }

    ManifestSet manifests = loadManifests(sample.resolve("kargo"),
        "http://127.0.0.1:" + pokeApi.getAddress().getPort());
    ClassLoader loader = getClass().getClassLoader();
    CredentialsProvider credentials = (type, url) -> type == CredentialType.GIT && url.startsWith(git.baseUrl())
        ? Optional.of(Credentials.basic(git.username(), git.password())) : Optional.empty();
    ArgoCdClient argoClient = ArgoCdClients.apiServer().server(argo.address()).plaintext(true).authToken(TOKEN)
        .build();
    store = DirectoryStore.open(tmp.resolve("state"), clock);
    runtime = ProjectRuntime.builder()
        .manifests(manifests)
        .store(store)
        .engine(PromotionEngine.builder().steps(StepRegistry.discover(loader))
            .workRoot(Files.createDirectories(tmp.resolve("work"))))
        .healthCheckers(HealthCheckerRegistry.discover(loader))
        .capability(Capability.CREDENTIALS, credentials)
        .capability(ArgoCdClient.CAPABILITY, argoClient)
        .clock(clock)
        .manualTimers()
        .listener(new PipelineListener() {
          @Override
          public void stepUpdated(Promotion promotion, StepExecutionMetadata step) {
            stepThreads.computeIfAbsent(promotion.spec().stage(), s -> ConcurrentHashMap.newKeySet())
                .add(Thread.currentThread().getName());
          }
        })
        .build();
  }

  @AfterEach
  void stopPeers() {
    if (runtime != null) {
      runtime.close();
    }
    if (store != null) {
      store.close();
    }
    if (argo != null) {
      argo.close();
    }
    if (pokeApi != null) {
      pokeApi.stop(0);
    }
    if (git != null) {
      git.close();
    }
  }

  /** The sample's manifests with the upstream git repository and the PokeAPI replaced by local ones. */
  private ManifestSet loadManifests(Path dir, String pokeApiBase) throws IOException {
    ManifestSet all = ManifestSet.EMPTY;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        String text = Files.readString(f).replace(UPSTREAM_REPO, repoUrl).replace("https://pokeapi.co", pokeApiBase);
        all = all.plus(Manifests.loadString(f.getFileName().toString(), text));
      }
    }
    return all;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /**
   * Drives the pipeline as time passes: runs what is due, lets the Argo CD controller
   * simulation sync what was asked for, and moves the manual clock to the next timer, until
   * {@code done} holds (or half an hour of simulated time passes).
   */
  private void driveUntil(BooleanSupplier done) {
    Instant limit = clock.instant().plus(Duration.ofMinutes(30));
    while (true) {
      runtime.runUntilIdle();
      if (!argo.completeOperations(clock.instant(),
          branch -> git.head("kargo-advanced", branch).orElse(branch)).isEmpty()) {
        continue;
      }
      if (done.getAsBoolean()) {
        return;
      }
      Optional<Instant> next = runtime.nextTimer();
      assertThat(next).as("the pipeline stalled before reaching the expected state").isPresent();
      assertThat(next.get()).as("the pipeline did not reach the expected state within 30 simulated minutes").isBefore(limit);
      if (next.get().isAfter(clock.instant())) {
        clock.set(next.get());
      }
    }
  }

  private Freight newFreight(String tag, int minutes) {
    String main = git.head("kargo-advanced", "main").orElseThrow();
    Freight f = new Freight(ObjectMeta.of(PROJECT, ""), "", T0.plus(Duration.ofMinutes(minutes)),
        FreightOrigin.warehouse("guestbook"), List.of(GitCommit.of(repoUrl, main)),
        List.of(Image.of(IMAGE, tag, "sha256:" + "0".repeat(60) + tag.replace(".", "").replace("v", "0"))),
        List.of(), List.of(), null);
    return runtime.createFreight(f);
  }

  private boolean succeeded(List<PromotionHandle> handles) {
    return handles.stream().allMatch(h -> h.done().isDone());
  }

  private String currentIn(String stage) {
    Stage s = runtime.stage(stage);
    return s.status().currentFreight() == null ? null : s.status().currentFreight().references().get(0).name();
  }

  /** The image references in the manifests rendered into branch {@code env/<stage>}. */
  private String renderedImage(String stage) {
    String out = git.git("kargo-advanced", "grep", "-h", "image:", "env/" + stage, "--");
    return out.strip().replace("- image: ", "").replace("image: ", "").strip();
  }

  private VerificationInfo verification(String stage) {
    return runtime.stage(stage).status().currentFreight().currentVerification();
  }

  private static List<String> names(List<Freight> freight) {
    return freight.stream().map(Freight::name).toList();
  }

  @Test
  void theSamplePipelineRunsEndToEnd() {
    assertThat(runtime.stages()).extracting(Stage::name).containsExactlyInAnyOrder("dev", "staging", "ab-test-a",
        "ab-test-b", "prod", "prod-west", "prod-central", "prod-east");
    Freight v1 = newFreight("v1.0.0", 0);
    assertThat(names(runtime.availableFreight("dev"))).containsExactly(v1.name());
    assertThat(runtime.availableFreight("staging")).isEmpty();

    // dev: the promote task renders env/dev, Argo CD syncs it, the Stage becomes healthy and verified
    PromotionHandle dev = runtime.promote("dev", v1.alias());
    driveUntil(() -> runtime.freight(v1.name()).orElseThrow().isVerifiedIn("dev"));
    Promotion devDone = dev.await(Duration.ofSeconds(5));
    assertThat(devDone.status().phase()).as(devDone.status().message()).isEqualTo(PromotionPhase.SUCCEEDED);
    assertThat(devDone.status().stepExecutionMetadata()).extracting(StepExecutionMetadata::alias)
        .containsExactly("task-1::step-1", "task-1::step-2", "task-1::update-image", "task-1::step-4",
            "task-1::commit", "task-1::step-6", "task-1::step-7");
    assertThat(renderedImage("dev")).isEqualTo(IMAGE + ":v1.0.0");
    assertThat(git.git("kargo-advanced", "log", "-1", "--format=%s", "env/dev").strip())
        .startsWith("Updated ./src/env/dev to use new image");
    String devCommit = git.head("kargo-advanced", "env/dev").orElseThrow();
    assertThat(argo.app("guestbook-dev").toString()).contains(devCommit);
    assertThat(runtime.stage("dev").status().health().status().wireName()).isEqualTo("Healthy");
    assertThat(names(runtime.availableFreight("staging"))).containsExactly(v1.name());

    // staging, then both A/B test Stages at once
    PromotionHandle staging = runtime.promote("staging", v1.name());
    driveUntil(() -> runtime.freight(v1.name()).orElseThrow().isVerifiedIn("staging"));
    assertThat(staging.await(Duration.ofSeconds(5)).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
    assertThat(renderedImage("staging")).isEqualTo(IMAGE + ":v1.0.0");

    List<PromotionHandle> abTests = runtime.promoteToDownstream("staging", v1.name());
    assertThat(abTests).extracting(h -> h.created().spec().stage()).containsExactlyInAnyOrder("ab-test-a", "ab-test-b");
    driveUntil(() -> succeeded(abTests) && verification("ab-test-a") != null && verification("ab-test-a").isTerminal()
        && verification("ab-test-b") != null && verification("ab-test-b").isTerminal());
    assertThat(abTests).allMatch(h -> h.await(Duration.ofSeconds(5)).status().phase() == PromotionPhase.SUCCEEDED);
    // pikachu (112) passes result < 200 five times; charizard (267) fails the fourth time
    VerificationInfo a = verification("ab-test-a");
    VerificationInfo b = verification("ab-test-b");
    assertThat(a.phase()).as(a.message()).isEqualTo(VerificationPhase.SUCCESSFUL);
    assertThat(Duration.between(a.startTime(), a.finishTime())).isEqualTo(Duration.ofSeconds(20));
    assertThat(b.phase()).isEqualTo(VerificationPhase.FAILED);
    assertThat(b.message()).isEqualTo("Metric \"pokemon-xp\" assessed Failed due to failed (4) > failureLimit (3)");
    assertThat(pokemonAsked.stream().filter("pikachu"::equals)).hasSize(5);
    assertThat(pokemonAsked.stream().filter("charizard"::equals)).hasSize(4);
    Freight afterAb = runtime.freight(v1.name()).orElseThrow();
    assertThat(afterAb.status().verifiedIn()).containsKey("ab-test-a").doesNotContainKey("ab-test-b");
    assertThat(renderedImage("ab-test-a")).isEqualTo(IMAGE + ":v1.0.0");
    assertThat(renderedImage("ab-test-b")).isEqualTo(IMAGE + ":v1.0.0");

    // prod is a control-flow Stage: Freight verified in one of the A/B tests is verified there at once
    driveUntil(() -> runtime.freight(v1.name()).orElseThrow().isVerifiedIn("prod"));
    assertThat(runtime.stage("prod").status().freightSummary()).isEqualTo("N/A");
    for (String region : List.of("prod-east", "prod-west", "prod-central")) {
      assertThat(names(runtime.availableFreight(region))).containsExactly(v1.name());
    }

    // the three regions are promoted together, in parallel
    List<PromotionHandle> regions = runtime.promoteToDownstream("prod", v1.name());
    assertThat(regions).extracting(h -> h.created().spec().stage())
        .containsExactlyInAnyOrder("prod-east", "prod-west", "prod-central");
    runtime.runUntilIdle();
    assertThat(regions).allMatch(h -> runtime.promotion(h.name()).orElseThrow().status().phase()
        == PromotionPhase.RUNNING);
    driveUntil(() -> succeeded(regions)
        && Stream.of("prod-east", "prod-west", "prod-central").allMatch(s -> runtime.freight(v1.name()).orElseThrow()
            .isVerifiedIn(s)));
    assertThat(regions).allMatch(h -> h.await(Duration.ofSeconds(5)).status().phase() == PromotionPhase.SUCCEEDED);
    Set<String> threads = new java.util.HashSet<>();
    for (String region : List.of("prod-east", "prod-west", "prod-central")) {
      threads.addAll(stepThreads.get(region));
      assertThat(renderedImage(region)).isEqualTo(IMAGE + ":v1.0.0");
      assertThat(currentIn(region)).isEqualTo(v1.name());
    }
    assertThat(threads).as("threads that ran the regional promotions").hasSizeGreaterThan(1);

    // a newer Freight moves into dev only; the rest keep v1
    Freight v2 = newFreight("v1.1.0", 30);
    PromotionHandle dev2 = runtime.promote("dev", v2.name());
    driveUntil(() -> runtime.freight(v2.name()).orElseThrow().isVerifiedIn("dev"));
    assertThat(dev2.await(Duration.ofSeconds(5)).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
    assertThat(renderedImage("dev")).isEqualTo(IMAGE + ":v1.1.0");
    assertThat(renderedImage("staging")).isEqualTo(IMAGE + ":v1.0.0");
    assertThat(currentIn("dev")).isEqualTo(v2.name());
    assertThat(runtime.stage("dev").status().freightHistory()).hasSize(2);

    // which Freight is available where
    assertThat(names(runtime.availableFreight("dev"))).containsExactlyInAnyOrder(v1.name(), v2.name());
    assertThat(names(runtime.availableFreight("staging"))).containsExactlyInAnyOrder(v1.name(), v2.name());
    assertThat(names(runtime.availableFreight("ab-test-a"))).containsExactly(v1.name());
    assertThat(names(runtime.availableFreight("ab-test-b"))).containsExactly(v1.name());
    assertThat(names(runtime.availableFreight("prod"))).containsExactly(v1.name());
    assertThat(names(runtime.availableFreight("prod-west"))).containsExactly(v1.name());
    Freight v1Now = runtime.freight(v1.name()).orElseThrow();
    assertThat(v1Now.status().currentlyIn()).containsOnlyKeys("staging", "ab-test-a", "ab-test-b", "prod-east",
        "prod-west", "prod-central");
    assertThat(v1Now.status().verifiedIn()).containsOnlyKeys("dev", "staging", "ab-test-a", "prod", "prod-east",
        "prod-west", "prod-central");
    assertThat(v1Now.status().verifiedIn().get("dev").longestSoak()).isNotNull();
    assertThat(runtime.freight(v2.name()).orElseThrow().status().currentlyIn()).containsOnlyKeys("dev");

    // every Promotion is in the directory store
    assertThat(store.listPromotions(PROJECT)).hasSize(8);
    List<String> branches = new ArrayList<>();
    for (String line : git.git("kargo-advanced", "branch", "--format=%(refname:short)").split("\n")) {
      branches.add(line.strip());
    }
    assertThat(branches).contains("main", "env/dev", "env/staging", "env/ab-test-a", "env/ab-test-b",
        "env/prod-east", "env/prod-west", "env/prod-central");
  }
}
