package org.vi4j.optimizers.schedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ρ_t = (t + τ)^−κ, the step-size sequence of stochastic variational inference (Hoffman, Blei,
 * Wang &amp; Paisley 2013, "Stochastic Variational Inference", JMLR 14, eq. 26). For κ ∈ (0.5, 1]
 * it satisfies the Robbins–Monro conditions Σ ρ_t = ∞, Σ ρ_t² &lt; ∞ (Robbins &amp; Monro 1951),
 * under which stochastic ascent converges to a local optimum. τ ≥ 0 delays (down-weights) early
 * updates; here t is 0-based, so τ must be &gt; 0 (τ = 1 gives ρ_0 = 1).
 *
 * @param tau the delay τ, &gt; 0
 * @param kappa the forgetting rate κ, in (0.5, 1]
 */
public record RobbinsMonro(double tau, double kappa) implements LearningRateSchedule {

  /** The option value that selects this schedule. */
  public static final String NAME = "robbins-monro";

  /** Checks τ &gt; 0 and κ ∈ (0.5, 1] (NaN fails). */
  public RobbinsMonro {
    if (!(tau > 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("RobbinsMonro: tau must be finite and > 0 (t starts at 0), "
          + "got " + tau);
    }
    if (!(kappa > 0.5 && kappa <= 1)) {
      throw new IllegalArgumentException("RobbinsMonro: kappa must be in (0.5, 1] for the "
          + "Robbins-Monro conditions to hold, got " + kappa);
    }
  }

  @Override
  public double rate(long t) {
    return Math.pow(t + tau, -kappa);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> settings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("schedule", NAME);
    m.put("tau", Double.toString(tau));
    m.put("kappa", Double.toString(kappa));
    return m;
  }
}
