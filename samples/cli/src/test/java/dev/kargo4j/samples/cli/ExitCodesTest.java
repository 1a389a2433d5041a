package dev.kargo4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every exit code, decided in one place for every command: 0 success; 1 a failed promotion,
 * verification or discovery; 2 bad usage, bad manifests or a wrong expression; 3 an internal
 * error, whose stack trace is printed only under {@code --debug}. And {@code --version}.
 */
class ExitCodesTest {
  @TempDir Path tmp;
  CliRun cli;
  Path manifests;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRun(tmp.resolve("state"), Map.of());
    manifests = Path.of(getClass().getResource("/simple").toURI());
  }

  private CliRun.Result run(int expected, String... args) {
    CliRun.Result r = cli.run(args);
    assertThat(r.code()).as(r.toString()).isEqualTo(expected);
    return r;
  }

  private String freight() {
    run(0, "apply", "-f", manifests.toString());
    return run(0, "create", "freight", "--warehouse", "app", "--image", "registry.example.com/team/app:1.0.0",
        "--alias", "first").out().replaceAll("(?s).*freight.kargo.akuity.io/([0-9a-f]{40}) created.*", "$1");
  }

  @Test
  void zeroForSuccess() {
    run(0, "apply", "-f", manifests.toString());
    assertThat(run(0, "get", "stages").err()).isEmpty();
  }

  @Test
  void oneForAFailedPromotionAndAFailedDiscovery() throws Exception {
    String id = freight();
    assertThat(run(1, "promote", "--stage", "broken", "--freight", id).err()).contains("the broken Stage always fails");

    // nothing listens on port 1: discovery fails, and says why
    Path unreachable = tmp.resolve("unreachable.yaml");
    Files.writeString(unreachable, """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Warehouse
        metadata: {name: gone, namespace: demo}
        spec:
          subscriptions:
          - image: {repoURL: 127.0.0.1:1/team/app}
        """);
    run(0, "apply", "-f", unreachable.toString());
    CliRun.Result refresh = run(1, "refresh", "warehouse", "gone");
    assertThat(refresh.out() + refresh.err()).contains("127.0.0.1:1");
  }

  @Test
  void twoForBadUsageWithASuggestion() {
    CliRun.Result typo = run(2, "get", "stagse");
    assertThat(typo.err()).contains("error: Unmatched argument", "stagse", "Did you mean", "stages",
        "Try 'kargo4j get --help' for more information.");
    CliRun.Result missing = run(2, "promote", "--stage", "dev");
    assertThat(missing.err()).contains("error: Error: Missing required argument", "--freight=ID", "Usage: kargo4j promote");
    assertThat(run(2, "get", "stages", "-o", "xml").err())
        .contains("Invalid value for option '--output'", "table, yaml, json, name");
    assertThat(run(2).err()).contains("error: a command is required");
  }

  @Test
  void twoForBadManifests() throws Exception {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "apiVersion: kargo.akuity.io/v1alpha1\nkind: Stage\nmetadata: {name: Bad_Name, namespace: demo}\n");
    CliRun.Result r = run(2, "apply", "-f", bad.toString());
    assertThat(r.err()).startsWith("error: ").contains(bad.toString()).doesNotContain("\tat ");
  }

  @Test
  void twoForAWrongExpression() throws Exception {
    String id = freight();
    Path wrong = tmp.resolve("wrong.yaml");
    Files.writeString(wrong, """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata: {name: qa, namespace: demo}
        spec:
          requestedFreight:
          - origin: {kind: Warehouse, name: app}
            sources: {direct: true}
          promotionTemplate:
            spec:
              steps:
              - uses: file-write
                as: bad
                config:
                  path: ./out/${{ nosuchfunction(ctx.stage) }}.yaml
                  contents: x
        """);
    run(0, "apply", "-f", wrong.toString());
    CliRun.Result r = run(2, "eval", "--stage", "qa", "--freight", id);
    assertThat(r.out()).contains("as: bad", "error:", "nosuchfunction");
  }

  @Test
  void threeForAnInternalErrorWithTheTraceOnlyUnderDebug() {
    CliRun.Result quiet = explode();
    assertThat(quiet.code()).as(quiet.toString()).isEqualTo(3);
    assertThat(quiet.err()).startsWith("internal error: the index is inconsistent\n")
        .contains("--debug").doesNotContain("IllegalStateException", "\tat ");

    CliRun.Result debug = explode("--debug");
    assertThat(debug.code()).as(debug.toString()).isEqualTo(3);
    assertThat(debug.err()).startsWith("internal error: the index is inconsistent\n")
        .contains("java.lang.IllegalStateException: the index is inconsistent", "\tat dev.kargo4j.samples.cli.ExitCodesTest$Explode.run");
  }

  @Test
  void debugAlsoShowsWhereAUsageErrorCameFrom() {
    CliRun.Result plain = run(2, "get", "stages");
    assertThat(plain.err()).contains("error: ", "run `kargo4j apply -f <manifests>` first").doesNotContain("\tat ");
    assertThat(run(2, "--debug", "get", "stages").err()).contains("dev.kargo4j.KargoException", "\tat ");
  }

  @Test
  void versionIsTheBuildsAndHelpListsTheExitCodes() {
    String version = System.getProperty("kargo4j.version");
    assertThat(version).as("set by the build (surefire's systemPropertyVariables)").isNotBlank();
    assertThat(run(0, "--version").out()).startsWith("kargo4j " + version + "\n").contains("Java ");
    assertThat(run(0, "-V").out()).startsWith("kargo4j " + version + "\n");
    assertThat(BuildVersion.version()).isEqualTo(version);
    assertThat(run(0, "--help").out()).contains("Exit codes:", "0   success",
        "1   a promotion, verification or discovery failed", "2   bad usage, bad manifests or a wrong expression",
        "3   an internal error (its stack trace with --debug)", "--debug", "--state=DIR");
  }

  @Test
  void globalOptionsWorkBeforeBetweenAndAfterTheSubcommands() {
    run(0, "apply", "-f", manifests.toString());
    Path state = tmp.resolve("state");
    for (List<String> args : List.of(
        List.of("--state", state.toString(), "get", "stages", "--project", "demo"),
        List.of("get", "--state", state.toString(), "-p", "demo", "stages"),
        List.of("get", "stages", "--state", state.toString()))) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Kargo4jCommand.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Map.of());
      assertThat(code).as(args + ": " + err).isZero();
      assertThat(out.toString()).as(args.toString()).contains("staging");
    }
    assertThat(run(2, "get", "stages", "--project", "nope").err()).contains("nope");
  }

  /** A command that fails as a bug would: not a KargoException. */
  @Command(name = "explode")
  static final class Explode extends SessionCommand {
    @Override
    int run(Session session) {
      throw new IllegalStateException("the index is inconsistent");
    }
  }

  private CliRun.Result explode(String... more) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Kargo4jCommand.commandLine(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    cl.addSubcommand(new Explode());
    // a subcommand added later writes where the root's output is set after it
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> args = new ArrayList<>(List.of("explode", "--state", tmp.resolve("state").toString()));
    args.addAll(List.of(more));
    int code = cl.execute(args.toArray(String[]::new));
    return new CliRun.Result(code, out.toString(), err.toString());
  }
}
