package org.vi4j.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vi4j.app.demo.Demo;
import org.vi4j.app.demo.Demos;
import org.vi4j.core.plugin.PipelineSpec;
import org.vi4j.core.plugin.Plugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code vi4j demo NAME}: runs a ready pipeline ({@link Demos}) for a built-in model, on data the
 * project ships or generates, and writes the same files as {@code vi4j run}.
 *
 * <pre>{@code
 * vi4j demo poisson-gamma                     # writes runs/<time>-poisson-gamma/
 * vi4j demo exp-gaussian --steps 500 --seed 7 --out /tmp/eg
 * vi4j demo vae --data train-images-idx3-ubyte.gz   # sets model.data
 * vi4j demo --list
 * }</pre>
 */
@Command(name = "demo", sortOptions = false, usageHelpAutoWidth = true,
    description = {"Run a ready pipeline for a built-in model and write summary.json, trace.csv, "
        + "checkpoint.bin and pictures to --out.", "The demos: vi4j demo --list."},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
        "0:finished",
        "1:anything else went wrong",
        "2:bad usage (unknown demo or option)",
        "3:diverged (the report is still written, with the last good parameters)"})
public final class DemoCommand extends CliCommand {

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "The demo (see --list).")
  String name;

  @Option(names = "--list", description = "List the demos with their descriptions.")
  boolean list;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where to write the run's files (default: runs/<yyyyMMdd-HHmmss>-<name>).")
  Path out;

  @Option(names = "--seed", paramLabel = "S", description = "The run's seed (run.seed).")
  Long seed;

  @Option(names = "--steps", paramLabel = "N", description = "Stop after N steps (run.steps).")
  Long steps;

  @Option(names = "--data", paramLabel = "PATH",
      description = "A data file for the demo's model (sets model.data; e.g. an IDX image file "
          + "for vae).")
  Path data;

  @Option(names = "--quiet", description = "No progress bar or log lines; warnings only.")
  boolean quiet;

  @Mixin
  PluginOptions plugins = new PluginOptions();

  @Override
  protected boolean quiet() {
    return quiet;
  }

  @Override
  protected int execute(PrintWriter stdout, PrintWriter err) throws Exception {
    if (list) {
      int width = Demos.all().stream().mapToInt(d -> d.name().length()).max().orElse(0);
      for (Demo d : Demos.all()) {
        stdout.println(d.name() + " ".repeat(width - d.name().length() + 2) + d.description());
      }
      return ExitCodes.OK;
    }
    if (name == null) {
      throw new ParameterException(spec.commandLine(), "Missing demo NAME; the demos: "
          + Demos.all().stream().map(Demo::name).toList());
    }
    Demo demo = Demos.get(name);
    PipelineSpec pipeline = demo.spec();
    if (seed != null) {
      pipeline = pipeline.with(RunOptions.PART + "." + RunOptions.SEED.key(), seed);
    }
    if (steps != null) {
      pipeline = pipeline.with(RunOptions.PART + "." + RunOptions.STEPS.key(), steps);
    }
    Plugins loaded = plugins.load(environment(), err);
    if (data != null) {
      boolean takesData = loaded.models().find(pipeline.model()).stream()
          .flatMap(p -> p.options().stream()).anyMatch(o -> o.key().equals("data"));
      if (!takesData) {
        throw new UserException("--data: the " + demo.name() + " demo's model '"
            + pipeline.model() + "' reads no data file (it has no 'data' option)");
      }
      if (!Files.isRegularFile(data)) {
        throw new UserException("--data: file " + data + " does not exist");
      }
      pipeline = pipeline.with("model.data", data.toAbsolutePath().toString());
    }
    Path dir = out != null ? out : OutputDirs.fresh(demo.name());
    return FitRunner.run(new FitRunner.Request(loaded, pipeline, dir, null, quiet,
        System.console() != null), stdout, err);
  }
}
