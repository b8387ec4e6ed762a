package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;

/**
 * The exponential distribution with rate λ, density
 * <pre>
 *   p(x) = λ e<sup>−λx</sup>,  x ≥ 0.
 * </pre>
 *
 * <p>Mean 1/λ, variance 1/λ², entropy 1 − log λ. It is Gamma(1, λ).
 *
 * <p>Pathwise draws z = e/λ, e ~ Exp(1) ({@link Rng#nextExponential()}, ziggurat) held in a pooled
 * constant: ∂z/∂λ = −z/λ.
 */
public final class Exponential implements Distribution {

  public static final String NAME = "Exponential";

  private final Tensor rate;

  private Exponential(Tensor rate) {
    this.rate = Params.positive(NAME, "rate", rate);
  }

  /**
   * Exponential(rate); the parameter shape is the shape of {@code rate}.
   *
   * @param rate λ; finite and &gt; 0
   * @throws DistributionException if an element of {@code rate} is not finite and positive
   */
  public static Exponential of(Tensor rate) {
    return new Exponential(rate);
  }

  /** A scalar Exponential(rate); see {@link #of(Tensor)}. */
  public static Exponential of(double rate) {
    return new Exponential(Tensor.scalar(rate));
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

  /** {@link Support#POSITIVE}; the density is also defined (as λ) at the edge x = 0. */
  @Override
  public Support support() {
    return Support.POSITIVE;
  }

  /** log λ − λx; −∞ for x &lt; 0. ∂/∂x = −λ, ∂/∂λ = 1/λ − x. */
  @Override
  public Tensor logProb(Tensor x) {
    Tensor r = Params.expandRows(NAME, rate, x.rows());
    return Params.maskOutside(r.log().sub(r.mul(x)), x, v -> v < 0);
  }

  @Override
  public Tensor sample(Rng rng, int particles) {
    return rsample(rng, particles).stopGradient();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  /** e/λ with e ~ Exp(1) drawn into a pooled constant. */
  @Override
  public Tensor rsample(Rng rng, int particles) {
    Params.checkParticles(NAME, particles);
    int n = particles * rate.rows();
    int c = rate.cols();
    Tensor e = rate.newConstant(n, c);
    double[] d = e.value().data;
    for (int k = 0; k < n * c; k++) {
      d[k] = rng.nextExponential();
    }
    return e.div(Params.expandRows(NAME, rate, n));
  }

  /** 1/λ. */
  @Override
  public Tensor mean() {
    return rate.pow(-1.0);
  }

  /** 1/λ². */
  @Override
  public Tensor variance() {
    return rate.pow(-2.0);
  }

  /** 1 − log λ. */
  @Override
  public Tensor entropy() {
    return rate.log().neg().add(1.0);
  }

  @Override
  public String toString() {
    return NAME + "[" + rows() + "x" + cols() + "]";
  }
}
