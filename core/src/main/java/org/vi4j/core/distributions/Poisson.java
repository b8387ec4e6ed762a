package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;

/**
 * The Poisson distribution with rate λ, probability mass
 * <pre>
 *   P(k) = λ<sup>k</sup> e<sup>−λ</sup> / k!,   k = 0, 1, 2, ...
 * </pre>
 *
 * <p>Mean λ, variance λ. The entropy has no closed form (it is an infinite series), so
 * {@link #entropy()} throws, as the {@link Distribution} default does. There is no pathwise
 * sampler; draws come from {@link Samplers#poisson} (exact for every λ up to
 * {@link Samplers#MAX_POISSON_MEAN}, which {@link #sample} refuses to exceed).
 */
public final class Poisson implements Distribution {

  public static final String NAME = "Poisson";

  private final Tensor rate;

  private Poisson(Tensor rate) {
    this.rate = Params.positive(NAME, "rate", rate);
  }

  /**
   * Poisson(rate); the parameter shape is the shape of {@code rate}.
   *
   * @param rate λ; finite and &gt; 0
   * @throws DistributionException if an element of {@code rate} is not finite and positive
   */
  public static Poisson of(Tensor rate) {
    return new Poisson(rate);
  }

  /** A scalar Poisson(rate); see {@link #of(Tensor)}. */
  public static Poisson of(double rate) {
    return new Poisson(Tensor.scalar(rate));
  }

  /** λ. */
  public Tensor rate() {
    return rate;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int rows() {
    return rate.rows();
  }

  @Override
  public int cols() {
    return rate.cols();
  }

  @Override
  public Support support() {
    return Support.NON_NEGATIVE_INTEGER;
  }

  /**
   * k log λ − λ − log Γ(k + 1) for non-negative integers k (held as doubles); −∞ for a negative or
   * non-integer value (NaN stays NaN). Differentiable in λ: ∂/∂λ = k/λ − 1.
   */
  @Override
  public Tensor logProb(Tensor k) {
    Tensor r = Params.expandRows(NAME, rate, k.rows());
    Tensor lp = k.mul(r.log()).sub(r).sub(k.add(1.0).lgamma());
    return Params.maskOutside(lp, k, v -> v < 0 || v != Math.rint(v) && !Double.isNaN(v));
  }

  /** Counts as doubles, (particles·r) x c particle-major, from {@link Samplers#poisson}. */
  @Override
  public Tensor sample(Rng rng, int particles) {
    Params.checkParticles(NAME, particles);
    int n = rate.size();
    double[] lambda = rate.value().data;
    Tensor z = Tensor.zeros(particles * rate.rows(), rate.cols());
    double[] d = z.value().data;
    for (int p = 0; p < particles; p++) {
      for (int k = 0; k < n; k++) {
        d[p * n + k] = Samplers.poisson(rng, lambda[k]);
      }
    }
    return z;
  }

  /** λ. */
  @Override
  public Tensor mean() {
    return rate;
  }

  /** λ. */
  @Override
  public Tensor variance() {
    return rate;
  }

  @Override
  public String toString() {
    return NAME + "[" + rows() + "x" + cols() + "]";
  }
}
