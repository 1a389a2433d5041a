package dev.kargo4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, lower items (masking): a secret must be masked wherever it shows up, in whatever
 * common encoding (inside longer text, URL-encoded, base64'd, in a Basic auth header, in URL
 * userinfo), in outputs, logs, step messages and unexpected exceptions; credentials the host's
 * provider hands a step are secrets too.
 */
class MaskingSecurityTest {
  static final String USER = "robot";
  static final String TOKEN = "p@ss w0rd/+t0ken";
  static final String GIT_PASSWORD = "hunter2@corp-PAT";

  @TempDir Path work;

  /** Reads the token (config) and the git password (credentials) and leaks them every way it can. */
  static final class Leaky implements StepRunner {
    final boolean crash;

    Leaky(boolean crash) {
      this.crash = crash;
    }

    @Override
    public String kind() {
      return crash ? "leaky-crash" : "leaky";
    }

    @Override
    public Set<Capability<?>> capabilities() {
      return Set.of(Capability.CREDENTIALS);
    }

    @Override
    public StepResult run(StepContext c) {
      String token = String.valueOf(c.config().get("token"));
      String git = c.capability(Capability.CREDENTIALS).credentials(CredentialType.GIT, "https://git.example.com/r.git")
          .orElseThrow().password();
      String leaks = leaks(token, git);
      c.logger().info("calling with {}", leaks);
      c.logger().warn("failed: " + leaks, new IllegalStateException(leaks));
      c.logger().atInfo().setMessage("fluent {}").addArgument(leaks).log();
      if (crash) {
        throw new IllegalStateException("unexpected: " + leaks);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("leaks", leaks);
      out.put("list", List.of(leaks));
      out.put(token, "as a key");
      return StepResult.failed("failed: " + leaks, out);
    }
  }

  static String leaks(String token, String git) {
    return String.join(" | ",
        "inside" + token + "text",
        "query?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
        "path/" + URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20"),
        "b64 " + Base64.getEncoder().encodeToString(("x" + token + "y").getBytes(StandardCharsets.UTF_8)),
        "Authorization: Basic " + Base64.getEncoder().encodeToString((USER + ":" + token).getBytes(StandardCharsets.UTF_8)),
        "json {\"t\":\"" + token + "\"}",
        "https://" + USER + ":" + git + "@git.example.com/r.git",
        "Basic " + Base64.getEncoder().encodeToString((USER + ":" + git).getBytes(StandardCharsets.UTF_8)),
        "token " + git);
  }

  static List<String> forbidden() {
    return List.of(TOKEN, GIT_PASSWORD, "w0rd", "corp-PAT", "t0ken",
        URLEncoder.encode(TOKEN, StandardCharsets.UTF_8),
        URLEncoder.encode(TOKEN, StandardCharsets.UTF_8).replace("+", "%20"),
        Base64.getEncoder().encodeToString((USER + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)),
        Base64.getEncoder().encodeToString((USER + ":" + GIT_PASSWORD).getBytes(StandardCharsets.UTF_8)),
        // the middle of base64("x" + token + "y"), which depends on the token alone
        Base64.getEncoder().encodeToString(("x" + TOKEN + "y").getBytes(StandardCharsets.UTF_8)).substring(4, 20));
  }

  @Test
  void aSecretIsMaskedInEveryEncodingInOutputsMessagesAndLogs() {
    for (String kind : List.of("leaky", "leaky-crash")) {
      EngineFixture f = new EngineFixture("""
          - uses: %s
            config: {token: "${{ secret('api').token }}"}
          """.formatted(kind), "");
      AtomicReference<Promotion> last = new AtomicReference<>();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream original = System.err;
      System.setErr(new PrintStream(err, true));
      Promotion p;
      try {
        PromotionEngine engine = PromotionEngine.builder().steps(StepRegistry.of(new Leaky(false), new Leaky(true)))
            .workRoot(work)
            .projectData(new ProjectData() {
              @Override
              public Map<String, String> secret(String project, String name) {
                return Map.of("token", TOKEN);
              }
            })
            .capability(Capability.CREDENTIALS, (type, url) -> Optional.of(Credentials.basic(USER, GIT_PASSWORD)))
            .saver(s -> {
              last.set(s);
              return s;
            }).build();
        p = engine.execute(f.promotion(), f.target).promotion();
      } finally {
        System.setErr(original);
      }
      assertThat(p.status().phase()).as(kind).isIn(PromotionPhase.FAILED, PromotionPhase.ERRORED);
      String everything = last.get().toString() + p.status().state() + p.status().message()
          + p.status().stepExecutionMetadata() + err;
      assertThat(everything).as(kind).contains("***");
      for (String secret : forbidden()) {
        assertThat(everything).as(kind).doesNotContain(secret);
      }
    }
  }

  @Test
  void anUnexpectedFailureOutsideTheStepsEndsThePromotionErroredAndMasked() {
    EngineFixture f = new EngineFixture("""
        - uses: leaky
          config: {token: "${{ secret('api').token }}"}
        """, "");
    java.util.concurrent.atomic.AtomicInteger saves = new java.util.concurrent.atomic.AtomicInteger();
    AtomicReference<Promotion> last = new AtomicReference<>();
    PromotionEngine engine = PromotionEngine.builder().steps(StepRegistry.of(new Leaky(false))).workRoot(work)
        .projectData(new ProjectData() {
          @Override
          public Map<String, String> secret(String project, String name) {
            return Map.of("token", TOKEN);
          }
        })
        .capability(Capability.CREDENTIALS, (type, url) -> Optional.of(Credentials.basic(USER, GIT_PASSWORD)))
        .saver(s -> {
          if (saves.incrementAndGet() == 2) {
            // a store that quotes what it could not write
            throw new IllegalStateException("cannot write https://" + USER + ":" + GIT_PASSWORD
                + "@store.example.com: " + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
          }
          last.set(s);
          return s;
        }).build();
    Promotion p = engine.execute(f.promotion(), f.target).promotion();
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.ERRORED);
    assertThat(p.status().message()).contains("cannot write https://store.example.com");
    for (String secret : forbidden()) {
      assertThat(last.get().toString()).doesNotContain(secret);
    }
  }
}
