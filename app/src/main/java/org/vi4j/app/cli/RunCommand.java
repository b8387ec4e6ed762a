package org.vi4j.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.vi4j.core.plugin.ModelProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.PipelineSpec;
import org.vi4j.core.plugin.Plugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vi4j run}: fits a pipeline named by its four parts, with {@code --set part.key=value}
 * options, and writes the report to {@code --out}.
 *
 * <pre>{@code
 * vi4j run --model poisson-gamma --guide gamma --estimator reparam --optimizer adam \
 *     --set estimator.particles=128 --set optimizer.lr=0.2 --set run.average-last=0.2 --steps 5000
 * }</pre>
 *
 * <p>{@code --data PATH} sets the model's {@code data} option (models without one refuse it);
 * {@code --steps}, {@code --max-seconds}, {@code --seed} set {@code run.steps},
 * {@code run.max-seconds}, {@code run.seed} (giving both forms is an error). With
 * {@code --resume}, the output directory defaults to the checkpoint's.
 */
@Command(name = "run", sortOptions = false, usageHelpAutoWidth = true,
    description = {"Fit a model: pick a model, a guide (variational family), a gradient "
        + "estimator and an optimizer by name, set their options, and write summary.json, "
        + "trace.csv, checkpoint.bin and pictures to --out.",
        "Names: vi4j list. Options of a plugin: vi4j help NAME; of the run: vi4j help run."},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
        "0:finished",
        "1:anything else went wrong",
        "2:bad usage or input (unknown plugin or option, wrong value, incompatible parts, "
            + "unparsable data file)",
        "3:diverged (the report is still written, with the last good parameters)"})
public final class RunCommand extends CliCommand {

  @Option(names = "--model", required = true, paramLabel = "M", description = "The model plugin.")
  String model;

  @Option(names = "--guide", required = true, paramLabel = "G",
      description = "The guide (variational family) plugin.")
  String guide;

  @Option(names = "--estimator", required = true, paramLabel = "E",
      description = "The gradient-estimator plugin.")
  String estimator;

  @Option(names = "--optimizer", required = true, paramLabel = "O",
      description = "The optimizer plugin.")
  String optimizer;

  @Option(names = "--set", paramLabel = "PART.KEY=VALUE",
      description = "An option of a part (model, guide, estimator, optimizer or run), e.g. "
          + "optimizer.lr=0.2 or run.average-last=0.2 (repeatable).")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--data", paramLabel = "PATH",
      description = "A data file for the model (sets model.data; for models that read one, "
          + "e.g. poisson-gamma).")
  Path data;

  @Option(names = "--steps", paramLabel = "N", description = "Stop after N steps (run.steps).")
  Long steps;

  @Option(names = "--max-seconds", paramLabel = "S",
      description = "Also stop after S seconds of wall time (run.max-seconds).")
  Double maxSeconds;

  @Option(names = "--seed", paramLabel = "S", description = "The run's seed (run.seed).")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the run's files "
      + "(default: runs/<yyyyMMdd-HHmmss>-<model>, or the checkpoint's directory with --resume).")
  Path out;

  @Mixin
  PluginOptions plugins = new PluginOptions();

  @Option(names = "--resume", paramLabel = "CHECKPOINT",
      description = "Continue the run saved in CHECKPOINT (same parts, options and seed; --steps "
          + "counts from the run's start).")
  Path resume;

  @Option(names = "--quiet", description = "No progress bar or log lines; warnings only.")
  boolean quiet;

  @Override
  protected boolean quiet() {
    return quiet;
  }

  @Override
  protected int execute(PrintWriter stdout, PrintWriter err) throws Exception {
    Plugins loaded = plugins.load(environment(), err);
    Map<String, String> options = new LinkedHashMap<>(set);
    shorthand(options, "--steps", RunOptions.STEPS, steps);
    shorthand(options, "--max-seconds", RunOptions.MAX_SECONDS, maxSeconds);
    shorthand(options, "--seed", RunOptions.SEED, seed);
    if (data != null) {
      setData(options, loaded);
    }
    PipelineSpec pipeline = new PipelineSpec(model, guide, estimator, optimizer, options);
    if (resume != null && !Files.isRegularFile(resume)) {
      throw new UserException("--resume: checkpoint " + resume + " does not exist");
    }
    Path dir = out != null ? out
        : resume != null ? resume.toAbsolutePath().getParent() : OutputDirs.fresh(model);
    return FitRunner.run(new FitRunner.Request(loaded, pipeline, dir, resume, quiet,
        System.console() != null), stdout, err);
  }

  private static void shorthand(Map<String, String> options, String flag, OptionSpec<?> spec,
      Object value) {
    if (value == null) {
      return;
    }
    String key = RunOptions.PART + "." + spec.key();
    if (options.containsKey(key)) {
      throw new UserException(flag + " and --set " + key + " are both given; give one");
    }
    options.put(key, String.valueOf(value));
  }

  /** {@code --data} → {@code model.data}, if the model has a {@code data} option. */
  private void setData(Map<String, String> options, Plugins loaded) {
    Optional<ModelProvider> provider = loaded.models().find(model);
    if (provider.isEmpty()) {
      return;                                   // the pipeline check reports the unknown model
    }
    boolean takesData = provider.get().options().stream().anyMatch(o -> o.key().equals("data"));
    if (!takesData) {
      throw new UserException("--data: model '" + provider.get().name() + "' reads no data file "
          + "(it has no 'data' option; its options: "
          + provider.get().options().stream().map(OptionSpec::key).toList() + ")");
    }
    if (options.containsKey("model.data")) {
      throw new UserException("--data and --set model.data are both given; give one");
    }
    if (!Files.isRegularFile(data)) {
      throw new UserException("--data: file " + data + " does not exist");
    }
    options.put("model.data", data.toAbsolutePath().toString());
  }
}
