package org.vi4j.core.inference;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Stan ADVI's stopping rule (Kucukelbir et al. 2017; Stan's {@code advi::stochastic_gradient_ascent}):
 * every {@code evalEvery} steps the ELBO is evaluated and its relative change |(ELBO_prev − ELBO) /
 * ELBO| goes into a circular window of max(0.1 · maxSteps / evalEvery, 2) entries; the run has
 * converged when the window's mean or its median falls below {@code tolRelObj}.
 */
final class ConvergenceMonitor {

  private final double tol;
  private final double[] window;
  private int count;
  private int next;
  private double previous = Double.NaN;
  private final double[] scratch;

  ConvergenceMonitor(double tolRelObj, long maxSteps, int evalEvery) {
    this.tol = tolRelObj;
    int size = (int) Math.max(2, Math.floor(0.1 * maxSteps / evalEvery));
    this.window = new double[Math.min(size, 1 << 20)];
    this.scratch = new double[window.length];
  }

  /** Records an evaluation; returns the stop reason if the rule now holds, else null. */
  StopReason record(double elbo) {
    if (Double.isNaN(previous)) {
      previous = elbo;
      return null;
    }
    double rel = Math.abs((previous - elbo) / elbo);
    previous = elbo;
    window[next] = rel;
    next = (next + 1) % window.length;
    count = Math.min(count + 1, window.length);
    double mean = 0;
    for (int i = 0; i < count; i++) {
      mean += window[i];
    }
    mean /= count;
    if (mean < tol) {
      return StopReason.CONVERGED_MEAN;
    }
    System.arraycopy(window, 0, scratch, 0, count);
    Arrays.sort(scratch, 0, count);
    double median = count % 2 == 1 ? scratch[count / 2]
        : 0.5 * (scratch[count / 2 - 1] + scratch[count / 2]);
    return median < tol ? StopReason.CONVERGED_MEDIAN : null;
  }

  void writeState(DataOutput out) throws IOException {
    out.writeInt(window.length);
    out.writeInt(count);
    out.writeInt(next);
    out.writeDouble(previous);
    for (double v : window) {
      out.writeDouble(v);
    }
  }

  void readState(DataInput in) throws IOException {
    int len = in.readInt();
    if (len != window.length) {
      throw new IllegalArgumentException("checkpoint: convergence window of " + len
          + " entries, this run uses " + window.length + " (maxSteps or evalEvery changed)");
    }
    count = in.readInt();
    next = in.readInt();
    previous = in.readDouble();
    for (int i = 0; i < len; i++) {
      window[i] = in.readDouble();
    }
  }
}
