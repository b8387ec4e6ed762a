package org.vi4j.core.spi;

import java.util.Objects;

/**
 * What one {@link Optimizer#step} did.
 *
 * <pre>{@code
 * StepReport r = optimizer.step(problem, rng);
 * if (!r.elbo().isFinite()) { ... restore the last good parameters ... }
 * }</pre>
 *
 * @param step the step index ({@link Problem#step()})
 * @param elbo the ELBO estimate at the parameters <em>before</em> the update (the one the
 *     gradient was computed at)
 * @param gradientNorm the Euclidean norm of the full gradient over θ and φ, before any clipping;
 *     NaN for steps that use no gradient (coordinate ascent)
 */
public record StepReport(long step, ElboEstimate elbo, double gradientNorm) {

  /** Checks the step index and that elbo is present; the norm is ≥ 0, NaN or +∞. */
  public StepReport {
    if (step < 0) {
      throw new IllegalArgumentException("StepReport: step must be >= 0, got " + step);
    }
    Objects.requireNonNull(elbo, "StepReport: elbo must not be null");
    if (gradientNorm < 0) {
      throw new IllegalArgumentException("StepReport: gradientNorm must be >= 0 or NaN, got "
          + gradientNorm);
    }
  }

  /** A report of a step that used no gradient. */
  public static StepReport withoutGradient(long step, ElboEstimate elbo) {
    return new StepReport(step, elbo, Double.NaN);
  }
}
