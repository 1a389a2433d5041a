package dev.kargo4j.samples.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/**
 * The {@code kargo4j} command line: Kargo's pipeline over a local state folder, no cluster.
 *
 * <pre>
 * kargo4j apply -f kargo/                       load Projects, Warehouses, Stages, tasks, templates, Secrets
 * kargo4j refresh warehouse guestbook           discover now; new artifacts make Freight
 * kargo4j promote --stage dev --freight-alias brave-tiger
 * kargo4j get stages                            the pipeline as a table (-o yaml|json|name)
 * kargo4j graph -o html --out pipeline.html
 * </pre>
 *
 * <p>Exit codes: {@value #OK} success, {@value #FAILED} a failed promotion, verification or
 * discovery, {@value #USAGE} bad usage, bad manifests or a wrong expression (the reason on
 * stderr), {@value #INTERNAL} an internal error (its stack trace only with {@code --debug}).
 * Argo CD is reached as the Argo CD CLI does ({@code ARGOCD_SERVER}, {@code ARGOCD_AUTH_TOKEN},
 * {@code ARGOCD_OPTS}) or through a kubeconfig ({@code --kubeconfig} or {@code KUBECONFIG}).
 *
 * <p>Not thread-safe: one instance runs one command line.
 */
// scope INHERIT: every subcommand takes --help (and --version) and lists the exit codes
@Command(name = "kargo4j", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
    description = "Kargo's promotion pipeline, run locally: manifests in, Freight promoted through Stages.",
    exitCodeOnInvalidInput = Kargo4jCommand.USAGE, exitCodeOnExecutionException = Kargo4jCommand.INTERNAL,
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
        Kargo4jCommand.OK + ":success",
        Kargo4jCommand.FAILED + ":a promotion, verification or discovery failed",
        Kargo4jCommand.USAGE + ":bad usage, bad manifests or a wrong expression (the reason on stderr)",
        Kargo4jCommand.INTERNAL + ":an internal error (its stack trace with --debug)"},
    subcommands = {ApplyCommand.class, GetCommand.class, RefreshCommand.class, CreateCommand.class,
        PromoteCommand.class, ApproveCommand.class, AbortCommand.class, VerifyCommand.class,
        EvalCommand.class, GraphCommand.class, ReconcileCommand.class, CommandLine.HelpCommand.class,
        picocli.AutoComplete.GenerateCompletion.class})
public final class Kargo4jCommand implements Runnable {
  /** Exit code: success. */
  public static final int OK = 0;
  /** Exit code: a promotion, verification or discovery failed. */
  public static final int FAILED = 1;
  /** Exit code: bad usage, bad manifests or a wrong expression. */
  public static final int USAGE = 2;
  /** Exit code: an internal error (a bug, or a broken environment). */
  public static final int INTERNAL = 3;

  @Mixin(name = GlobalOptions.NAME)
  final GlobalOptions global;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** A command over the process environment. */
  public Kargo4jCommand() {
    this(System.getenv());
  }

  /** A command over the given environment (for Argo CD settings); for tests and embedding. */
  public Kargo4jCommand(Map<String, String> env) {
    this.global = new GlobalOptions(env);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
  }

  /**
   * Runs one command line, printing to {@code out} and {@code err}, and returns its exit code:
   * {@value #OK}, {@value #FAILED}, {@value #USAGE} or {@value #INTERNAL}. Never calls
   * {@link System#exit}.
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    int code = commandLine(env, out, err).execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The command line, ready to execute: its output, exit codes and error reporting set. */
  static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Kargo4jCommand(env));
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return ExitCodes.install(cl);
  }
}
