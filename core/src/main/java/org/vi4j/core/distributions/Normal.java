package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;

/**
 * The normal distribution N(μ, σ²), density
 * p(x) = exp(−(x − μ)² / (2σ²)) / (σ√(2π)).
 *
 * <p>Pathwise draws z = μ + σ·ε, ε ~ N(0, 1). Entropy ½ + log(σ√(2π)).
 */
public final class Normal implements Distribution {

  public static final String NAME = "Normal";
  /** log √(2π), the normalising constant's log. */
  static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private final Tensor loc;
  private final Tensor scale;
  private final int rows;
  private final int cols;

  private Normal(Tensor loc, Tensor scale) {
    this.loc = Params.finite(NAME, "loc", loc);
    this.scale = Params.positive(NAME, "scale", scale);
    this.rows = Params.broadcast(NAME, "rows", loc.rows(), scale.rows());
    this.cols = Params.broadcast(NAME, "columns", loc.cols(), scale.cols());
  }

  /** N(loc, scale²); the tensors broadcast to the parameter shape. scale &gt; 0, loc finite. */
  public static Normal of(Tensor loc, Tensor scale) {
    return new Normal(loc, scale);
  }

  /** A scalar N(loc, scale²). */
  public static Normal of(double loc, double scale) {
    return new Normal(Tensor.scalar(loc), Tensor.scalar(scale));
  }

  public Tensor loc() {
    return loc;
  }

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

  /** −½((x − μ)/σ)² − log σ − log √(2π). */
  @Override
  public Tensor logProb(Tensor x) {
    Tensor m = Params.expandRows(NAME, loc, x.rows());
    Tensor s = Params.expandRows(NAME, scale, x.rows());
    return x.sub(m).div(s).square().mul(-0.5).sub(s.log()).sub(LOG_SQRT_2PI);
  }

  @Override
  public Tensor sample(Rng rng, int particles) {
    return rsample(rng, particles).stopGradient();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  /** μ + σ·ε with ε ~ N(0, 1) drawn into a pooled constant. */
  @Override
  public Tensor rsample(Rng rng, int particles) {
    Params.checkParticles(NAME, particles);
    int n = particles * rows;
    Tensor eps = loc.newConstant(n, cols);
    double[] e = eps.value().data;
    for (int k = 0; k < n * cols; k++) {
      e[k] = rng.nextGaussian();
    }
    return eps.mul(Params.expandRows(NAME, scale, n)).add(Params.expandRows(NAME, loc, n));
  }

  @Override
  public Tensor mean() {
    return Params.broadcastTo(loc, rows, cols);
  }

  @Override
  public Tensor variance() {
    return Params.broadcastTo(scale.square(), rows, cols);
  }

  /** ½ + log √(2π) + log σ. */
  @Override
  public Tensor entropy() {
    return Params.broadcastTo(scale.log().add(0.5 + LOG_SQRT_2PI), rows, cols);
  }

  @Override
  public String toString() {
    return NAME + "[" + rows + "x" + cols + "]";
  }
}
