package org.vi4j.core.inference;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vi4j.core.diagnostics.ParetoSmoothing;
import org.vi4j.core.spi.ElboEstimate;

/**
 * The outcome of {@link Inference#run()}.
 *
 * @param trace the per-step ELBO estimates (the ones the gradients were computed at) and the
 *     seconds since the start at each step
 * @param elbo the final ELBO from a separate evaluation with many particles, with its Monte Carlo
 *     standard error, at the returned parameters (the averaged ones if averaging was on)
 * @param lastIterateElbo the same evaluation at the last iterate when averaging replaced it; equal
 *     to {@code elbo} otherwise
 * @param parameters every fitted parameter by name, copied: the guide's under their own names
 *     (e.g. {@code rate.shape}) and the model's under {@code model.} + name
 * @param lastIterate the last iterate's parameters (same keys); equal to {@code parameters} unless
 *     averaging was on
 * @param stopReason why the run stopped
 * @param steps steps taken in total (including any before a resume)
 * @param rejectedSteps steps rolled back because they went non-finite
 * @param wallSeconds wall time of this run (not counting time before a resume)
 * @param averagedSteps the number of iterates averaged (0 when averaging was off)
 * @param psis Pareto k̂ of the importance ratios p(x, z)/q(z) over the final evaluation's draws
 */
public record FitResult(Trace trace, ElboEstimate elbo, ElboEstimate lastIterateElbo,
    Map<String, double[]> parameters, Map<String, double[]> lastIterate, StopReason stopReason,
    long steps, long rejectedSteps, double wallSeconds, long averagedSteps,
    ParetoSmoothing.Result psis) {

  /** Copies the maps. */
  public FitResult {
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    lastIterate = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lastIterate));
  }

  /** One fitted parameter's values (a copy); an unknown name lists the known ones. */
  public double[] parameter(String name) {
    double[] v = parameters.get(name);
    if (v == null) {
      throw new IllegalArgumentException("FitResult: no parameter '" + name + "'; known: "
          + parameters.keySet());
    }
    return v.clone();
  }

  /** Steps per second of this run. */
  public double stepsPerSecond() {
    return trace.size() / Math.max(wallSeconds, 1e-9);
  }

  /** The per-step record of a run. */
  public record Trace(long[] step, double[] elbo, double[] seconds) {
    public int size() {
      return step.length;
    }
  }
}
