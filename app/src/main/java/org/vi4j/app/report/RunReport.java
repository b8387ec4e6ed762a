package org.vi4j.app.report;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.ExactEvidence;

/**
 * Writes what a run leaves behind into its output folder.
 *
 * <pre>{@code
 * FitResult fit = inference.run();
 * List<Path> files = RunReport.write(new RunContext(spec, options, seed, version, pipeline, fit,
 *     Path.of("runs/2024-05-01T12-00-00-poisson-gamma")));
 * }</pre>
 *
 * <ul>
 *   <li>{@value #SUMMARY}: pipeline, seed, version, steps, stop reason, timings, final ELBO ± SE,
 *       PSIS k̂, fitted parameters and a model-specific {@code posterior} section;
 *   <li>{@value #TRACE}: {@code step,elbo,seconds}, one row per recorded step;
 *   <li>{@value #ELBO_PNG}: the ELBO trace with a moving average (and log p(x) where exact);
 *   <li>model pictures: {@code posterior_density.png} for {@code exp-gaussian};
 *       {@code posterior_mean.png}, {@code exact_posterior_mean.png} and {@code samples.png} for
 *       {@code poisson-gamma}; {@code clusters.png} for {@code gaussian-mixture-mv} with D = 2.
 * </ul>
 * Every key and picture is documented in {@code docs/output.md}. Non-finite numbers are written as
 * JSON {@code null} (and as {@code NaN}/{@code Infinity} in the CSV).
 *
 * <p>The report reads the guide as it is (the inference loop leaves it at the fit's final — for
 * averaged runs, averaged — parameters) and draws from it with random streams derived from the
 * run's seed; it does not change the pipeline. If the model-specific part fails, the failure is
 * logged, recorded in {@code posterior.error}, and the rest is still written.
 */
public final class RunReport {

  /** The summary's file name. */
  public static final String SUMMARY = "summary.json";
  /** The trace's file name. */
  public static final String TRACE = "trace.csv";
  /** The ELBO trace picture's file name. */
  public static final String ELBO_PNG = "elbo_trace.png";

  private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

  private RunReport() {}

  /**
   * Creates {@code ctx.outDir()} (and parents) and writes the report into it, replacing files of
   * the same names.
   *
   * @param ctx the finished run; not modified
   * @return the files written, summary first
   * @throws UncheckedIOException naming the file that could not be written
   * @throws IllegalArgumentException if a part of {@code ctx} needed for the report is missing
   */
  public static List<Path> write(RunContext ctx) {
    Objects.requireNonNull(ctx, "RunReport.write: ctx must not be null");
    requireNonNull(ctx.outDir(), "outDir");
    requireNonNull(ctx.fit(), "fit");
    requireNonNull(ctx.pipeline(), "pipeline");
    requireNonNull(ctx.spec(), "spec");
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // charts without a display
    }
    Path dir = ctx.outDir();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("RunReport: cannot create the output folder " + dir + ": "
          + e.getMessage(), e);
    }
    ModelReport model = ModelReport.of(ctx);
    List<Path> written = new ArrayList<>();

    Map<String, Object> posterior = posterior(ctx, model);
    Path summary = dir.resolve(SUMMARY);
    io(summary, () -> writeJson(summary, Summary.of(ctx, posterior)));
    written.add(summary);

    Path trace = dir.resolve(TRACE);
    io(trace, () -> writeTrace(trace, ctx.fit().trace()));
    written.add(trace);

    Path elbo = dir.resolve(ELBO_PNG);
    OptionalDouble logEvidence = ctx.pipeline().model().as(ExactEvidence.class)
        .map(e -> OptionalDouble.of(e.logEvidence())).orElse(OptionalDouble.empty());
    ElboEstimate fin = ctx.fit().elbo();
    String finLabel = fin == null ? "" : String.format(Locale.ROOT,
        "final ELBO (%s, %d particles) = %s ± %.2g",
        ctx.fit().averagedSteps() > 0 ? "averaged parameters" : "last parameters", fin.particles(),
        Charts.shortNumber(fin.value()), fin.standardError());
    io(elbo, () -> Charts.elboTrace(elbo, ctx.fit().trace().step(), ctx.fit().trace().elbo(),
        logEvidence, fin == null ? OptionalDouble.empty() : OptionalDouble.of(fin.value()),
        finLabel, ctx.spec().model() + ": " + ctx.spec().guide() + " / "
            + ctx.spec().estimator() + " / " + ctx.spec().optimizer()));
    written.add(elbo);

    try {
      written.addAll(model.pictures(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("RunReport: cannot write a posterior picture into " + dir
          + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      LOG.warn("Could not draw the posterior pictures for model '{}': {}", ctx.spec().model(),
          e.toString(), e);
    }
    LOG.debug("Report written to {}: {}", dir, written);
    return List.copyOf(written);
  }

  private static Map<String, Object> posterior(RunContext ctx, ModelReport model) {
    try {
      return model.posterior();
    } catch (RuntimeException e) {
      LOG.warn("Could not compute the posterior section of the report for model '{}': {}",
          ctx.spec().model(), e.toString(), e);
      Map<String, Object> failed = new LinkedHashMap<>();
      failed.put("kind", ctx.spec().model());
      failed.put("error", String.valueOf(e.getMessage()));
      return failed;
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void io(Path file, IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException("RunReport: cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void requireNonNull(Object o, String what) {
    if (o == null) {
      throw new IllegalArgumentException("RunReport.write: RunContext." + what
          + "() is null; a report needs the spec, pipeline, fit and outDir");
    }
  }

  static void writeJson(Path file, Map<String, Object> summary) throws IOException {
    Object safe = JsonValues.sanitize(summary);
    String json = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES).asString(safe);
    Files.writeString(file, json + System.lineSeparator(), StandardCharsets.UTF_8);
  }

  /** {@code step,elbo,seconds} and one row per trace entry (Java's shortest round-trip doubles). */
  static void writeTrace(Path file, FitResult.Trace trace) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("step,elbo,seconds\n");
      long[] step = trace.step();
      double[] elbo = trace.elbo();
      double[] seconds = trace.seconds();
      StringBuilder row = new StringBuilder(64);
      for (int i = 0; i < step.length; i++) {
        row.setLength(0);
        row.append(step[i]).append(',').append(elbo[i]).append(',').append(seconds[i]).append('\n');
        w.write(row.toString());
      }
    }
  }
}
