package dev.kargo4j.samples.cli;

import dev.kargo4j.KargoException;
import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every command ends when it does not return its own exit code, defined once for the
 * whole command line: a {@link ParameterException} (bad usage) or a {@link KargoException}
 * (bad manifests, a wrong expression, an unknown name: what the user can fix) is
 * {@value Kargo4jCommand#USAGE} with {@code error: <message>}; anything else is a bug or a
 * broken environment, {@value Kargo4jCommand#INTERNAL} with {@code internal error: <message>}.
 * The stack trace is printed only under {@code --debug}. A failed promotion, verification or
 * discovery is not an exception: the command returns {@value Kargo4jCommand#FAILED} itself.
 *
 * <p>Stateless and thread-safe.
 */
final class ExitCodes implements IExitCodeExceptionMapper, IExecutionExceptionHandler, IParameterExceptionHandler {
  /** Sets this as the exit-code mapper and both exception handlers of {@code cl}. */
  static CommandLine install(CommandLine cl) {
    ExitCodes codes = new ExitCodes();
    return cl.setExitCodeExceptionMapper(codes).setExecutionExceptionHandler(codes).setParameterExceptionHandler(codes);
  }

  @Override
  public int getExitCode(Throwable exception) {
    Throwable e = cause(exception);
    return e instanceof ParameterException || e instanceof KargoException ? Kargo4jCommand.USAGE : Kargo4jCommand.INTERNAL;
  }

  @Override
  public int handleExecutionException(Exception exception, CommandLine cmd, ParseResult parsed) {
    Throwable e = cause(exception);
    PrintWriter err = cmd.getErr();
    int code = getExitCode(e);
    boolean debug = GlobalOptions.of(cmd.getCommandSpec()).debug;
    if (code == Kargo4jCommand.INTERNAL) {
      err.println("internal error: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
      if (!debug) {
        err.println("(run the command again with --debug to see where)");
      }
    } else {
      err.println("error: " + e.getMessage());
    }
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  @Override
  public int handleParseException(ParameterException exception, String[] args) {
    CommandLine cmd = exception.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + exception.getMessage());
    UnmatchedArgumentException.printSuggestions(exception, err);
    err.print(cmd.getHelp().fullSynopsis());
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return getExitCode(exception);
  }

  /** The exception a future or a completion stage wrapped, else {@code e}. */
  private static Throwable cause(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
