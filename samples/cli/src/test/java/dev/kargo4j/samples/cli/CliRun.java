package dev.kargo4j.samples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process against one state folder, capturing its output. */
final class CliRun {
  /** One command's exit code and output. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Path state;
  private final Map<String, String> env;

  CliRun(Path state, Map<String, String> env) {
    this.state = state;
    this.env = env;
  }

  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--state");
    all.add(state.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Kargo4jCommand.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), env);
    return new Result(code, out.toString(), err.toString());
  }
}
