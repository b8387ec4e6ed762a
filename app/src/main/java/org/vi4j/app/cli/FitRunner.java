package org.vi4j.app.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.Message;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vi4j.app.report.RunContext;
import org.vi4j.app.report.RunReport;
import org.vi4j.core.inference.DivergenceException;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.inference.Restarts;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.plugin.Pipeline;
import org.vi4j.core.plugin.PipelineException;
import org.vi4j.core.plugin.PipelineSpec;
import org.vi4j.core.plugin.PluginRegistry;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.plugin.Provider;
import org.vi4j.core.plugin.Vi4jModule;
import org.vi4j.core.spi.FitListener;

/**
 * Runs one pipeline spec end to end, for {@code vi4j run} and {@code vi4j demo}: checks the spec
 * (every problem at once), builds the pipeline and the listeners through Guice, runs the inference
 * loop with the {@code run.*} settings, checkpoints to {@code OUT/checkpoint.bin}, and writes the
 * report with {@link RunReport#write}. With {@code run.restarts = R > 1} it does so R times with
 * fresh parts, restart i from seed {@code run.seed + i} ({@link Restarts}), reports the restart with
 * the best final ELBO (its seed is the summary's {@code seed}), adds every restart's ELBO to
 * {@code summary.json} under {@code restarts}, and keeps that restart's checkpoint. A guide with a
 * {@code seed} option (its random start) gets the run's seed unless the spec sets it.
 *
 * <pre>{@code
 * int code = FitRunner.run(new FitRunner.Request(plugins, spec, Path.of("runs/x"), null, false,
 *     System.console() != null), out, err);
 * }</pre>
 *
 * <p>Returns {@link ExitCodes#OK}, or {@link ExitCodes#DIVERGED} after writing the report of the
 * last good parameters. Bad input ({@link PipelineException}, a bad checkpoint, a data file that
 * does not parse) is thrown as an {@link IllegalArgumentException} or {@link UserException} for the
 * command to report with {@link ExitCodes#USAGE}.
 */
final class FitRunner {

  /** The checkpoint's file name inside the output directory. */
  static final String CHECKPOINT = "checkpoint.bin";

  /** The Guice key of the listeners' multibinding. */
  static final Key<Set<FitListener>> LISTENERS = Key.get(new TypeLiteral<Set<FitListener>>() { });

  /**
   * One run.
   *
   * @param plugins the plugins to build from
   * @param spec the pipeline, {@code run.*} options included
   * @param out the output directory (created if missing)
   * @param resume a checkpoint to continue from, or null
   * @param quiet no progress output
   * @param terminal stderr is a terminal (progress bar rather than log lines)
   */
  record Request(Plugins plugins, PipelineSpec spec, Path out, Path resume, boolean quiet,
      boolean terminal) { }

  private FitRunner() {
  }

  /** Runs {@code r}; the result line goes to {@code out}, a divergence message to {@code err}. */
  static int run(Request r, PrintWriter out, PrintWriter err) throws IOException {
    PipelineSpec spec = r.spec();
    List<String> problems = new ArrayList<>(Pipeline.problems(spec, r.plugins()));
    problems.addAll(RunOptions.problems(spec.optionsFor(RunOptions.PART)));
    if (!problems.isEmpty()) {
      throw new PipelineException(spec, problems);
    }
    RunOptions.Settings settings = RunOptions.settings(spec.optionsFor(RunOptions.PART));
    int restarts = settings.restarts();
    if (restarts > 1 && r.resume() != null) {
      throw new UserException("--resume continues one fit; it cannot be combined with "
          + "run.restarts = " + restarts + " (resume without it)");
    }
    Files.createDirectories(r.out());
    Attempt fit;
    Restarts.Result<Attempt> all = null;
    if (restarts == 1) {
      fit = attempt(r, seeded(spec, settings.seed(), r.plugins()), r.out().resolve(CHECKPOINT),
          r.resume(), err);
    } else {
      List<Attempt> attempts = new ArrayList<>();
      try {
        all = Restarts.runScored(restarts, settings.seed(), s -> {
          if (!r.quiet()) {
            err.printf(Locale.ROOT, "restart %d of %d (seed %d)%n", s - settings.seed() + 1,
                restarts, s);
            err.flush();
          }
          Attempt a = attempt(r, seeded(spec, s, r.plugins()),
              restartCheckpoint(r.out(), s - settings.seed()), null, err);
          attempts.add(a);
          return a;
        }, FitRunner::score);
        fit = all.best();
        keepCheckpoint(r.out(), restarts, all.bestIndex());
      } catch (IllegalStateException e) {          // no restart ended with a finite ELBO
        if (attempts.size() != restarts) {
          throw e;
        }
        keepCheckpoint(r.out(), restarts, restarts - 1);
        fit = attempts.get(restarts - 1);
        if (fit.code() == ExitCodes.OK) {
          fit = new Attempt(fit.spec(), fit.pipeline(), fit.fit(), ExitCodes.DIVERGED);
        }
        err.println("error: none of the " + restarts + " restarts ended with a finite ELBO; "
            + "reporting the last");
        err.flush();
      }
    }
    if (fit.fit() == null) {
      err.println("error: the run left no result to report");
      return fit.code() == ExitCodes.OK ? ExitCodes.FAILURE : fit.code();
    }
    RunOptions.Settings used = RunOptions.settings(fit.spec().optionsFor(RunOptions.PART));
    Map<String, Object> options = allOptions(fit.spec(), r.plugins(), used);
    RunReport.write(new RunContext(fit.spec(), options, used.seed(), Version.current(),
        fit.pipeline(), fit.fit(), r.out()));
    if (all != null) {
      recordRestarts(r.out().resolve(RunReport.SUMMARY), settings.seed(), all);
    }
    printSummary(fit.fit(), fit.code(), r.out(), out);
    if (all != null) {
      out.printf(Locale.ROOT, "kept restart %d of %d (seed %d); final ELBOs of the restarts: %s%n",
          all.bestIndex() + 1, restarts, used.seed(), Arrays.toString(all.elbos()));
      out.flush();
    }
    return fit.code();
  }

  /** One fit's outcome: the spec it ran (its seed included), its parts, result and exit code. */
  private record Attempt(PipelineSpec spec, Pipeline pipeline, FitResult fit, int code) { }

  /**
   * {@code spec} with {@code run.seed = seed}, and, if the guide declares a {@code seed} option
   * (its random start) that the spec does not set, {@code guide.seed = seed}.
   */
  static PipelineSpec seeded(PipelineSpec spec, long seed, Plugins plugins) {
    PipelineSpec s = spec.with(RunOptions.PART + "." + RunOptions.SEED.key(), seed);
    boolean guideSeed = plugins.guides().find(spec.guide()).map(g -> g.options().stream()
        .anyMatch(o -> o.key().equals("seed"))).orElse(false);
    if (guideSeed && !spec.options().containsKey(Plugins.GUIDE + ".seed")) {
      s = s.with(Plugins.GUIDE + ".seed", seed);
    }
    return s;
  }

  /** A restart's score: its final ELBO, NaN if it diverged (it then loses). */
  private static double score(Attempt a) {
    return a.code() != ExitCodes.OK || a.fit() == null || a.fit().elbo() == null ? Double.NaN
        : a.fit().elbo().value();
  }

  /**
   * Builds fresh parts for {@code spec} through Guice and runs them once; a divergence is reported
   * on {@code err} and returned with the last good parameters and {@link ExitCodes#DIVERGED}.
   */
  private static Attempt attempt(Request r, PipelineSpec spec, Path checkpoint, Path resume,
      PrintWriter err) {
    RunOptions.Settings settings = RunOptions.settings(spec.optionsFor(RunOptions.PART));
    Progress.Listener progress = Progress.choose(r.quiet(), r.terminal(), settings.steps(),
        settings.logEvery());
    Injector injector = injector(r.plugins(), spec, progress);
    Pipeline pipeline = injector.getInstance(Pipeline.class);
    Collection<FitListener> listeners = injector.getInstance(LISTENERS);

    Inference.Builder builder = Inference.builder().model(pipeline.model()).guide(pipeline.guide())
        .estimator(pipeline.estimator()).optimizer(pipeline.optimizer());
    settings.applyTo(builder, checkpoint);
    listeners.forEach(builder::listener);
    if (resume != null) {
      builder.resumeFrom(resume);
    }
    try {
      return new Attempt(spec, pipeline, builder.build().run(), ExitCodes.OK);
    } catch (DivergenceException e) {
      progress.close();
      err.println("error: " + e.getMessage());
      err.flush();
      return new Attempt(spec, pipeline, e.partial(), ExitCodes.DIVERGED);
    } finally {
      progress.close();
    }
  }

  private static Path restartCheckpoint(Path dir, long index) {
    return dir.resolve("checkpoint-restart-" + index + ".bin");
  }

  /** Moves restart {@code keep}'s checkpoint to {@value #CHECKPOINT} and deletes the others. */
  private static void keepCheckpoint(Path dir, int restarts, int keep) throws IOException {
    for (int i = 0; i < restarts; i++) {
      Path p = restartCheckpoint(dir, i);
      if (i == keep && Files.exists(p)) {
        Files.move(p, dir.resolve(CHECKPOINT), StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Adds {@code restarts} to the written summary, after {@code last_iterate_elbo}: count, seeds,
   * every restart's final ELBO (null for a diverged one) and which one was kept.
   */
  static void recordRestarts(Path summary, long seed, Restarts.Result<?> all) throws IOException {
    Map<String, Object> doc = JSON.std.mapFrom(Files.readString(summary, StandardCharsets.UTF_8));
    Map<String, Object> restarts = new LinkedHashMap<>();
    double[] elbos = all.elbos();
    List<Long> seeds = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < elbos.length; i++) {
      seeds.add(seed + i);
      values.add(Double.isFinite(elbos[i]) ? elbos[i] : null);
    }
    restarts.put("count", elbos.length);
    restarts.put("seeds", seeds);
    restarts.put("elbos", values);
    restarts.put("best_index", all.bestIndex());
    restarts.put("best_seed", seed + all.bestIndex());
    Map<String, Object> out = new LinkedHashMap<>();
    doc.forEach((k, v) -> {
      out.put(k, v);
      if (k.equals("last_iterate_elbo")) {
        out.put("restarts", restarts);
      }
    });
    out.putIfAbsent("restarts", restarts);
    String json = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT,
        JSON.Feature.WRITE_NULL_PROPERTIES).asString(out);
    Files.writeString(summary, json + System.lineSeparator(), StandardCharsets.UTF_8);
  }

  /** The injector of one run; a spec Guice cannot build is rethrown as its own cause. */
  private static Injector injector(Plugins plugins, PipelineSpec spec, Progress.Listener progress) {
    try {
      return Guice.createInjector(new Vi4jModule(plugins, spec),
          new ListenersModule(List.of(progress)));
    } catch (CreationException e) {
      throw unwrap(e, e.getErrorMessages());
    } catch (ProvisionException e) {
      throw unwrap(e, e.getErrorMessages());
    }
  }

  /** The bad-input cause of a Guice failure (pipeline problems, unreadable data), else {@code e}. */
  static RuntimeException unwrap(RuntimeException e, Collection<Message> messages) {
    for (Message m : messages) {
      for (Throwable t = m.getCause(); t != null; t = t.getCause()) {
        if (t instanceof IllegalArgumentException iae) {
          return iae;
        }
        if (t instanceof UncheckedIOException io) {
          return new UserException("cannot read an input of the pipeline: " + io.getMessage(), io);
        }
        if (t.getCause() == t) {
          break;
        }
      }
    }
    return e;
  }

  /**
   * Every option of every part with defaults filled in, keyed {@code part.key}: the model's,
   * guide's, estimator's and optimizer's options (as their providers declare them) and the
   * {@code run.*} settings. Values are numbers, booleans or strings (choices in lower case).
   */
  static Map<String, Object> allOptions(PipelineSpec spec, Plugins plugins,
      RunOptions.Settings settings) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, Plugins.MODEL, plugins.models(), spec);
    put(m, Plugins.GUIDE, plugins.guides(), spec);
    put(m, Plugins.ESTIMATOR, plugins.estimators(), spec);
    put(m, Plugins.OPTIMIZER, plugins.optimizers(), spec);
    m.putAll(settings.asOptions());
    return m;
  }

  private static <P extends Provider> void put(Map<String, Object> m, String part,
      PluginRegistry<P> registry, PipelineSpec spec) {
    String name = spec.name(part);
    Options checked = registry.checkOptions(name, spec.optionsFor(part));
    for (OptionSpec<?> o : registry.lookup(name).options()) {
      m.put(part + "." + o.key(), plain(checked.get(o)));
    }
  }

  /** A JSON-friendly value: numbers (finite), booleans and strings as they are; the rest as text. */
  static Object plain(Object v) {
    if (v instanceof Double d && !Double.isFinite(d)) {
      return d.toString();
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof String || v == null) {
      return v;
    }
    if (v instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
    return v.toString();
  }

  private static void printSummary(FitResult fit, int code, Path outDir, PrintWriter out) {
    String why = fit.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    out.printf(Locale.ROOT, "%s after %d steps (%s) in %.1f s: ELBO %.6g +/- %.2g, PSIS k-hat %.2f%n",
        code == ExitCodes.DIVERGED ? "diverged" : "finished", fit.steps(), why, fit.wallSeconds(),
        fit.elbo().value(), fit.elbo().standardError(), fit.psis().kHat());
    out.println("wrote " + outDir);
    out.flush();
  }
}
