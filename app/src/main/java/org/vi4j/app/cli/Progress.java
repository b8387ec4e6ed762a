package org.vi4j.app.cli;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vi4j.core.spi.FitListener;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.spi.StepReport;

/**
 * How a run shows its progress, as a {@link FitListener} bound through Guice's multibinder.
 *
 * <pre>{@code
 * Progress.Listener p = Progress.choose(quiet, System.console() != null, steps, 5.0);
 * Vi4jBinders.addListener(binder(), p);
 * ...
 * p.close();            // also after a divergence, which skips onEnd
 * }</pre>
 *
 * <ul>
 *   <li>{@link Bar}: a live bar on stderr (me.tongfei progressbar) with step, ELBO and steps/s,
 *       when stderr is a terminal;
 *   <li>{@link LogLines}: an SLF4J INFO line every few seconds otherwise;
 *   <li>{@link #NONE}: nothing ({@code --quiet}).
 * </ul>
 */
public final class Progress {

  /** The listener that shows nothing. */
  public static final Listener NONE = new Listener() { };

  private Progress() {
  }

  /** A progress listener that can be closed whether or not the fit reached {@code onEnd}. */
  public interface Listener extends FitListener, AutoCloseable {
    @Override
    default void close() {
    }
  }

  /**
   * The listener for a run of {@code maxSteps}.
   *
   * @param quiet no progress at all
   * @param terminal stderr is a terminal (a bar is drawn), else log lines
   * @param maxSteps the step limit
   * @param logEverySeconds seconds between log lines
   */
  public static Listener choose(boolean quiet, boolean terminal, long maxSteps,
      double logEverySeconds) {
    if (quiet) {
      return NONE;
    }
    return terminal ? new Bar(maxSteps) : new LogLines(maxSteps, logEverySeconds);
  }

  /** A live progress bar on stderr: step of max, ELBO, steps/s, ETA. */
  public static final class Bar implements Listener {
    private final long maxSteps;
    private ProgressBar bar;
    private long lastMessage;

    /** A bar up to {@code maxSteps}. */
    public Bar(long maxSteps) {
      this.maxSteps = maxSteps;
    }

    @Override
    public void onStart(Problem problem) {
      bar = new ProgressBarBuilder().setTaskName("fit").setInitialMax(maxSteps)
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit(" steps", 1)
          .setSpeedUnit(ChronoUnit.SECONDS).showSpeed().setUpdateIntervalMillis(200).build();
      bar.stepTo(problem.step());
    }

    @Override
    public void onStep(StepReport report) {
      if (bar == null) {
        return;
      }
      bar.stepTo(report.step() + 1);
      long now = System.nanoTime();
      if (now - lastMessage > 100_000_000L) {
        lastMessage = now;
        bar.setExtraMessage(String.format(Locale.ROOT, " ELBO %.4g", report.elbo().value()));
      }
    }

    @Override
    public void onEnd(long steps) {
      close();
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }

  /** An INFO log line every few seconds: step of max, ELBO, steps/s. */
  public static final class LogLines implements Listener {
    private static final Logger LOG = LoggerFactory.getLogger(LogLines.class);
    private final long maxSteps;
    private final long everyNanos;
    private long start;
    private long firstStep;
    private long last;

    /** Lines every {@code everySeconds} for a run of {@code maxSteps}. */
    public LogLines(long maxSteps, double everySeconds) {
      this.maxSteps = maxSteps;
      this.everyNanos = (long) (everySeconds * 1e9);
    }

    @Override
    public void onStart(Problem problem) {
      start = System.nanoTime();
      last = start;
      firstStep = -1;                            // set by the first step (a resume starts later)
    }

    @Override
    public void onStep(StepReport report) {
      if (firstStep < 0) {
        firstStep = report.step();
      }
      long now = System.nanoTime();
      if (now - last >= everyNanos) {
        last = now;
        long done = report.step() + 1;
        double rate = (done - firstStep) / Math.max((now - start) * 1e-9, 1e-9);
        LOG.info(String.format(Locale.ROOT, "step %d/%d (%.0f%%): ELBO %.6g, %.0f steps/s", done,
            maxSteps, 100.0 * done / maxSteps, report.elbo().value(), rate));
      }
    }
  }
}
