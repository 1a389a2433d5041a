package dev.kargo4j.samples.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes ({@code --state}, {@code --project}, {@code --kubeconfig},
 * {@code --allow-local-repositories}, {@code --debug}) and the environment the command line
 * runs in. Mixed into the root command once; the options are {@link ScopeType#INHERIT
 * inherited}, so they may be given before or after any subcommand and always land in this one
 * instance. Commands read it with {@link #of(CommandSpec)}.
 *
 * <p>Not thread-safe: one instance serves one command line. Nullness: {@link #project} and
 * {@link #kubeconfig} are {@code null} when not given.
 */
final class GlobalOptions {
  /** The name of this mixin in the root command. */
  static final String NAME = "global";

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

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "On an error, print its stack trace too (to report an internal error)")
  boolean debug;

  private final Map<String, String> env;

  GlobalOptions(Map<String, String> env) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
  }

  /** The environment variable {@code name}, or {@code null}. */
  String env(String name) {
    return env.get(name);
  }

  /** The global options of the command line that {@code spec} belongs to. */
  static GlobalOptions of(CommandSpec spec) {
    return (GlobalOptions) spec.root().mixins().get(NAME).userObject();
  }
}
