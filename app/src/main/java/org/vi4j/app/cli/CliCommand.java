package org.vi4j.app.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vi4j.app.Main;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every {@code vi4j} subcommand shares: {@code --verbose}, the mapping of failures to exit
 * codes and messages, and Logback's levels for the duration of the command.
 *
 * <pre>{@code
 * @Command(name = "list")
 * public final class ListCommand extends CliCommand {
 *   protected int execute(PrintWriter out, PrintWriter err) { ...; return ExitCodes.OK; }
 * }
 * }</pre>
 *
 * <p><strong>Failures.</strong> A {@link UserException} or {@link IllegalArgumentException} (bad
 * input: the project's convention for "what was wrong, where, what is accepted") prints
 * {@code error: MESSAGE} and exits {@link ExitCodes#USAGE}; anything else prints
 * {@code error: EXCEPTION} and exits {@link ExitCodes#FAILURE}. Stack traces only with
 * {@code --verbose}. A picocli {@link ParameterException} goes back to picocli (usage, exit 2).
 * Output goes to the {@link picocli.CommandLine}'s writers, so the command can run in-process
 * with captured streams.
 */
public abstract class CliCommand implements Callable<Integer> {

  /** The picocli model of this command (injected). */
  @Spec
  protected CommandSpec spec;

  /** DEBUG logging and stack traces. */
  @Option(names = "--verbose",
      description = "Log at DEBUG level and print stack traces with errors.")
  protected boolean verbose;

  /** The command's work; returns an exit code from {@link ExitCodes}. */
  protected abstract int execute(PrintWriter out, PrintWriter err) throws Exception;

  /** True if the command should only log warnings and show no progress. */
  protected boolean quiet() {
    return false;
  }

  /** The environment the command sees (the process's, or a test's through {@link Main}). */
  protected Map<String, String> environment() {
    Object root = spec.root().userObject();
    return root instanceof Main main ? main.environment() : System.getenv();
  }

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Logging.Scope logging = Logging.apply(verbose, quiet());
    try {
      return execute(out, err);
    } catch (ParameterException e) {
      throw e;
    } catch (UserException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return ExitCodes.USAGE;
    } catch (Exception e) {
      err.println("error: " + e);
      if (verbose) {
        e.printStackTrace(err);
      } else {
        err.println("(run again with --verbose for the stack trace)");
      }
      return ExitCodes.FAILURE;
    } finally {
      logging.close();
      out.flush();
      err.flush();
    }
  }
}
