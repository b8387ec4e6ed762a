package org.vi4j.app.cli;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * report with {@link RunReport#write}.
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
    Progress.Listener progress = Progress.choose(r.quiet(), r.terminal(), settings.steps(),
        settings.logEvery());

    Injector injector = injector(r.plugins(), spec, progress);
    Pipeline pipeline = injector.getInstance(Pipeline.class);
    Collection<FitListener> listeners = injector.getInstance(LISTENERS);

    Files.createDirectories(r.out());
    Inference.Builder builder = Inference.builder().model(pipeline.model()).guide(pipeline.guide())
        .estimator(pipeline.estimator()).optimizer(pipeline.optimizer());
    settings.applyTo(builder, r.out().resolve(CHECKPOINT));
    listeners.forEach(builder::listener);
    if (r.resume() != null) {
      builder.resumeFrom(r.resume());
    }

    FitResult fit;
    int code = ExitCodes.OK;
    try {
      fit = builder.build().run();
    } catch (DivergenceException e) {
      fit = e.partial();
      code = ExitCodes.DIVERGED;
      progress.close();
      err.println("error: " + e.getMessage());
      err.flush();
    } finally {
      progress.close();
    }
    if (fit == null) {
      err.println("error: the run left no result to report");
      return code == ExitCodes.OK ? ExitCodes.FAILURE : code;
    }
    Map<String, Object> options = allOptions(spec, r.plugins(), settings);
    RunReport.write(new RunContext(spec, options, settings.seed(), Version.current(), pipeline, fit,
        r.out()));
    printSummary(fit, code, r.out(), out);
    return code;
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
