package dev.kargo4j.samples.cli;

import dev.kargo4j.KargoException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code kargo4j} command line: Kargo's pipeline over a local state folder, no cluster.
 *
 * <pre>
 * kargo4j apply -f kargo/                       load Projects, Warehouses, Stages, tasks, templates, Secrets
 * kargo4j refresh warehouse guestbook           discover now; new artifacts make Freight
 * kargo4j promote --stage dev --freight-alias brave-tiger
 * kargo4j get stages                            the pipeline as a table (-o yaml|json)
 * kargo4j graph --format html &gt; pipeline.html
 * </pre>
 *
 * <p>Exit codes: {@value #OK} success, {@value #FAILED} a failed promotion, verification or
 * discovery, {@value #USAGE} bad usage or bad manifests (the reason on stderr). Argo CD is
 * reached as the Argo CD CLI does ({@code ARGOCD_SERVER}, {@code ARGOCD_AUTH_TOKEN},
 * {@code ARGOCD_OPTS}) or through a kubeconfig ({@code --kubeconfig} or {@code KUBECONFIG}).
 *
 * <p>Not thread-safe: one instance runs one command line.
 */
@Command(name = "kargo4j", mixinStandardHelpOptions = true, version = "kargo4j 0.1.0-SNAPSHOT",
    description = "Kargo's promotion pipeline, run locally: manifests in, Freight promoted through Stages.",
    subcommands = {ApplyCommand.class, GetCommand.class, RefreshCommand.class, CreateCommand.class,
        PromoteCommand.class, ApproveCommand.class, AbortCommand.class, VerifyCommand.class,
        EvalCommand.class, GraphCommand.class, ReconcileCommand.class, CommandLine.HelpCommand.class,
        picocli.AutoComplete.GenerateCompletion.class})
public final class Kargo4jCommand implements Runnable {
  /** Exit code: success. */
  public static final int OK = 0;
  /** Exit code: a promotion, verification or discovery failed. */
  public static final int FAILED = 1;
  /** Exit code: bad usage or bad manifests. */
  public static final int USAGE = 2;

  @Option(names = "--state", scope = ScopeType.INHERIT, paramLabel = "DIR", defaultValue = ".kargo4j",
      description = "The state folder (manifests, store, work directories); default: ${DEFAULT-VALUE}")
  Path state;

  @Option(names = {"-p", "--project"}, scope = ScopeType.INHERIT, paramLabel = "NAME",
      description = "The Project; needed only when the state folder holds several")
  String project;

  @Option(names = "--kubeconfig", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Reach Argo CD Applications through this kubeconfig (default: $KUBECONFIG when set)")
  Path kubeconfig;

  @Option(names = "--allow-local-repositories", scope = ScopeType.INHERIT,
      description = "Let git steps and discovery use repositories on this machine (file:// URLs and paths);"
          + " off by default, since a Stage or Warehouse author could then read any repository this user can")
  boolean allowLocalRepositories;

  final Map<String, String> env;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** A command over the process environment. */
  public Kargo4jCommand() {
    this(System.getenv());
  }

  /** A command over the given environment (for Argo CD settings); for tests and embedding. */
  public Kargo4jCommand(Map<String, String> env) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
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
   * {@value #OK}, {@value #FAILED} or {@value #USAGE}. Never calls {@link System#exit}.
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    CommandLine cl = new CommandLine(new Kargo4jCommand(env));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof KargoException) {
        line.getErr().println("error: " + e.getMessage());
        line.getErr().flush();
        return USAGE;
      }
      line.getErr().println("internal error: " + e);
      e.printStackTrace(line.getErr());
      line.getErr().flush();
      return USAGE;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
