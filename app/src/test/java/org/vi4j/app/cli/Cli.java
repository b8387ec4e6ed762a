package org.vi4j.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.vi4j.app.Main;
import picocli.CommandLine;

/**
 * Runs the {@code vi4j} command in-process with captured stdout and stderr.
 *
 * <pre>{@code
 * Cli.Result r = Cli.run("list", "--json");
 * assertEquals(0, r.code(), r.err());
 * }</pre>
 */
final class Cli {

  private Cli() {
  }

  /** What a command printed and returned. */
  record Result(int code, String out, String err) {
    /** Both streams, for assertion messages. */
    String all() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** Runs {@code args} with an empty environment. */
  static Result run(String... args) {
    return run(Map.of(), args);
  }

  /** Runs {@code args} seeing {@code environment}. */
  static Result run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new Main(environment)).setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
