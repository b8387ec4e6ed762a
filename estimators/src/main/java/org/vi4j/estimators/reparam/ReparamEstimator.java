package org.vi4j.estimators.reparam;

import java.util.List;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.estimators.internal.Estimates;

/**
 * The pathwise (reparameterisation) ELBO gradient: Kingma &amp; Welling 2014 (AEVB, estimator A),
 * Rezende et al. 2014, Titsias &amp; Lázaro-Gredilla 2014.
 *
 * <pre>{@code
 * GradientEstimator est = new ReparamEstimator(1);
 * problem.zeroGrad();
 * ElboEstimate e = est.estimate(model, guide, batch, rng);   // +∇ELBO now in θ's and φ's grads
 * }</pre>
 *
 * <p><strong>Surrogate.</strong> With z<sub>s</sub> = g<sub>φ</sub>(ε<sub>s</sub>), ε<sub>s</sub>
 * ~ p(ε), s = 1..S particles,
 * <pre>
 *   f_s = log p(x, z_s; θ) − log q(z_s; φ),      L̂ = (1/S) Σ_s f_s,
 * </pre>
 * and the gradient is ∇L̂, taken on the tape through z<sub>s</sub> (pathwise): an unbiased
 * estimate of ∇θ ELBO and ∇φ ELBO, since ∇φ E<sub>ε</sub>[f(g<sub>φ</sub>(ε))] =
 * E<sub>ε</sub>[∇φ f(g<sub>φ</sub>(ε))]. The reported value is L̂ with the standard error of the
 * f<sub>s</sub> (NaN for one particle).
 *
 * <p>The guide must be {@linkplain VariationalFamily#reparameterizable() reparameterizable};
 * {@link #check} refuses others and points to {@code score-function}. One {@link Tape} per
 * instance, reset on every call: an instance serves one fit at a time.
 */
public final class ReparamEstimator implements GradientEstimator {

  private final int particles;
  private final Tape tape = new Tape();
  private final double[] perParticle;

  /**
   * @param particles Monte Carlo samples S per call, &gt; 0
   * @throws IllegalArgumentException if {@code particles <= 0}
   */
  public ReparamEstimator(int particles) {
    if (!(particles > 0)) {
      throw new IllegalArgumentException("estimator '" + ReparamProvider.NAME
          + "': particles must be > 0, got " + particles);
    }
    this.particles = particles;
    this.perParticle = new double[particles];
  }

  /** Monte Carlo samples per call. */
  public int particles() {
    return particles;
  }

  @Override
  public ElboEstimate estimate(Model m, VariationalFamily q, Batch batch, Rng rng) {
    Estimates.requireArguments(ReparamProvider.NAME, m, q, batch, rng);
    if (!q.reparameterizable()) {
      throw new IllegalArgumentException(refusal(q));
    }
    try (Tape t = tape.reset()) {
      t.watch(m.parameters());
      t.watch(q.parameters());
      Draw d = q.draw(batch, rng, particles);
      Estimates.checkDraw(ReparamProvider.NAME, q, d, particles);
      Tensor logP = Estimates.checkLogJoint(ReparamProvider.NAME, m, m.logJoint(d.z(), batch),
          particles);
      Tensor f = logP.sub(d.logQ());                  // particles x 1
      Tensor surrogate = f.mean();
      if (surrogate.requiresGrad()) {
        t.backward(surrogate);
      }
      return Estimates.fromParticles(f, perParticle);
    }
  }

  @Override
  public List<String> check(Model m, VariationalFamily q) {
    return q.reparameterizable() ? List.of() : List.of(refusal(q));
  }

  private static String refusal(VariationalFamily q) {
    return "estimator '" + ReparamProvider.NAME + "' needs a reparameterizable guide (pathwise "
        + "gradients through z = g_φ(ε)), but guide " + Estimates.describe(q)
        + " draws z without gradients (e.g. a discrete latent); use the 'score-function' estimator,"
        + " or a reparameterizable guide such as a mean-field normal";
  }

  @Override
  public String toString() {
    return "ReparamEstimator[particles=" + particles + "]";
  }
}
