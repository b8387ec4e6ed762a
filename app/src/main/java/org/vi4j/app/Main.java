package org.vi4j.app;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.vi4j.app.cli.DemoCommand;
import org.vi4j.app.cli.ExitCodes;
import org.vi4j.app.cli.HelpCommand;
import org.vi4j.app.cli.ListCommand;
import org.vi4j.app.cli.RunCommand;
import org.vi4j.app.cli.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code vi4j} command: the main class of the runnable jar ({@code app/target/vi4j.jar}, run by
 * the {@code ./vi4j} launcher).
 *
 * <pre>{@code
 * vi4j list [--json]
 * vi4j help NAME                 # a plugin's options; 'help run' for the run.* options
 * vi4j run --model M --guide G --estimator E --optimizer O [--set part.key=value ...] ...
 * vi4j demo NAME | --list
 * // in-process, with captured streams:
 * int code = new CommandLine(new Main()).setOut(out).setErr(err).execute("list", "--json");
 * }</pre>
 *
 * <p>Exit codes are in {@link ExitCodes}: 0 finished, 1 anything else, 2 bad usage or input, 3
 * diverged. Every subcommand maps its own failures to these codes, so a plain
 * {@code new CommandLine(new Main())} behaves exactly like the launcher.
 */
@Command(name = "vi4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
    usageHelpAutoWidth = true, sortOptions = false,
    description = {"Variational inference for the JVM: fit q(z) ~ p(z | x) by maximising the ELBO "
        + "with a model, a guide (variational family), a gradient estimator and an optimizer, "
        + "each a plugin.", ""},
    subcommands = {ListCommand.class, HelpCommand.class, RunCommand.class, DemoCommand.class},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
        "0:finished",
        "1:anything else went wrong (internal error, output not writable, ...)",
        "2:bad usage or input: unknown command, flag, plugin or option (with the nearest match), "
            + "a value of the wrong type, an incompatible combination of parts, a data file "
            + "that does not parse (file, line, column), an unusable plugin jar",
        "3:the run diverged (the report is still written, with the last good parameters)"},
    footerHeading = "%nPlugins from outside:%n",
    footer = {"--plugins PATH (on list, help, run, demo) and the VI4J_PLUGIN_PATH environment "
        + "variable add plugin jars or folders of jars. Errors show no stack trace unless "
        + "--verbose."})
public final class Main implements Callable<Integer> {

  private final Map<String, String> environment;

  @Spec
  CommandSpec spec;

  /** The command as the launcher runs it, seeing the process's environment. */
  public Main() {
    this(System.getenv());
  }

  /** The command seeing {@code environment} instead of the process's (tests). */
  public Main(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  /** The environment variables the subcommands read ({@code VI4J_PLUGIN_PATH}). */
  public Map<String, String> environment() {
    return environment;
  }

  /** No subcommand: the usage, on stderr, and exit code 2. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("Missing command: one of "
        + spec.subcommands().keySet() + ".");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** Runs the command and exits with its code. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
