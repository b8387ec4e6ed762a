package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;

/**
 * The Laplace (double exponential) distribution with location μ and scale b, density
 * <pre>
 *   p(x) = exp(−|x − μ| / b) / (2b).
 * </pre>
 *
 * <p>Mean μ, variance 2b², entropy 1 + log(2b).
 *
 * <p>Pathwise draws z = μ + b·e with e a standard Laplace draw (±E, E ~ Exp(1), a random sign;
 * {@link Samplers#laplace}) held in a pooled constant: ∂z/∂μ = 1, ∂z/∂b = e. log p is not
 * differentiable in x or μ at x = μ; there ∂/∂x is taken as 0 (the {@code abs'(0) = 0} convention).
 */
public final class Laplace implements Distribution {

  public static final String NAME = "Laplace";

  private final Tensor loc;
  private final Tensor scale;
  private final int rows;
  private final int cols;

  private Laplace(Tensor loc, Tensor scale) {
    this.loc = Params.finite(NAME, "loc", loc);
    this.scale = Params.positive(NAME, "scale", scale);
    this.rows = Params.broadcast(NAME, "rows", loc.rows(), scale.rows());
    this.cols = Params.broadcast(NAME, "columns", loc.cols(), scale.cols());
  }

  /**
   * Laplace(loc, scale); the tensors broadcast to the parameter shape.
   *
   * @param loc μ, the location (mean and median); finite
   * @param scale b; finite and &gt; 0
   * @throws DistributionException if a parameter is outside its domain
   */
  public static Laplace of(Tensor loc, Tensor scale) {
    return new Laplace(loc, scale);
  }

  /** A scalar Laplace(loc, scale); see {@link #of(Tensor, Tensor)}. */
  public static Laplace of(double loc, double scale) {
    return new Laplace(Tensor.scalar(loc), Tensor.scalar(scale));
  }

  /** μ. */
  public Tensor loc() {
    return loc;
  }

  /** b. */
  public Tensor scale() {
    return scale;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  @Override
  public Support support() {
    return Support.REAL;
  }

  /** −|x − μ|/b − log(2b). ∂/∂x = −sign(x − μ)/b, ∂/∂b = |x − μ|/b² − 1/b. */
  @Override
  public Tensor logProb(Tensor x) {
    Tensor m = Params.expandRows(NAME, loc, x.rows());
    Tensor s = Params.expandRows(NAME, scale, x.rows());
    return x.sub(m).abs().div(s).neg().sub(s.mul(2.0).log());
  }

  @Override
  public Tensor sample(Rng rng, int particles) {
    return rsample(rng, particles).stopGradient();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  /** μ + b·e with e a standard Laplace draw in a pooled constant. */
  @Override
  public Tensor rsample(Rng rng, int particles) {
    Params.checkParticles(NAME, particles);
    int n = particles * rows;
    Tensor eps = loc.newConstant(n, cols);
    double[] e = eps.value().data;
    for (int k = 0; k < n * cols; k++) {
      e[k] = Samplers.laplace(rng, 0.0, 1.0);
    }
    return eps.mul(Params.expandRows(NAME, scale, n)).add(Params.expandRows(NAME, loc, n));
  }

  @Override
  public Tensor mean() {
    return Params.broadcastTo(loc, rows, cols);
  }

  /** 2b². */
  @Override
  public Tensor variance() {
    return Params.broadcastTo(scale.square().mul(2.0), rows, cols);
  }

  /** 1 + log(2b). */
  @Override
  public Tensor entropy() {
    return Params.broadcastTo(scale.mul(2.0).log().add(1.0), rows, cols);
  }

  @Override
  public String toString() {
    return NAME + "[" + rows + "x" + cols + "]";
  }
}
