package dev.kargo4j.samples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on the state folder: opens a {@link Session}, runs, closes it. */
abstract class SessionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    try (Session session = new Session(GlobalOptions.of(spec), spec.commandLine().getOut(), spec.commandLine().getErr())) {
      int code = run(session);
      session.out().flush();
      return code;
    }
  }

  /** Runs the command; returns its exit code. */
  abstract int run(Session session) throws Exception;
}
