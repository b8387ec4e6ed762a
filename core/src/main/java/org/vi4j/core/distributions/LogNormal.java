package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;

/**
 * The log-normal distribution: log X ~ N(μ, σ²). Density on x &gt; 0
 * <pre>
 *   p(x) = exp(−(log x − μ)² / (2σ²)) / (x σ √(2π)).
 * </pre>
 *
 * <p>Mean exp(μ + σ²/2), variance (exp(σ²) − 1) exp(2μ + σ²) (formed with expm1, accurate for
 * small σ), entropy μ + ½ + log(σ√(2π)).
 *
 * <p>Pathwise draws z = exp(μ + σε), ε ~ N(0, 1) drawn into a pooled constant: ∂z/∂μ = z,
 * ∂z/∂σ = εz.
 */
public final class LogNormal implements Distribution {

  public static final String NAME = "LogNormal";

  private final Tensor loc;
  private final Tensor scale;
  private final int rows;
  private final int cols;

  private LogNormal(Tensor loc, Tensor scale) {
    this.loc = Params.finite(NAME, "loc", loc);
    this.scale = Params.positive(NAME, "scale", scale);
    this.rows = Params.broadcast(NAME, "rows", loc.rows(), scale.rows());
    this.cols = Params.broadcast(NAME, "columns", loc.cols(), scale.cols());
  }

  /**
   * exp(N(loc, scale²)); the tensors broadcast to the parameter shape.
   *
   * @param loc μ, the mean of log X; finite
   * @param scale σ, the standard deviation of log X; finite and &gt; 0
   * @throws DistributionException if a parameter is outside its domain
   */
  public static LogNormal of(Tensor loc, Tensor scale) {
    return new LogNormal(loc, scale);
  }

  /** A scalar LogNormal(loc, scale); see {@link #of(Tensor, Tensor)}. */
  public static LogNormal of(double loc, double scale) {
    return new LogNormal(Tensor.scalar(loc), Tensor.scalar(scale));
  }

  /** μ, the mean of log X. */
  public Tensor loc() {
    return loc;
  }

  /** σ, the standard deviation of log X. */
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
    return Support.POSITIVE;
  }

  /**
   * −½((log x − μ)/σ)² − log x − log σ − log √(2π); −∞ for x ≤ 0 (the density tends to 0 at 0).
   * ∂/∂x = −(1 + (log x − μ)/σ²)/x.
   */
  @Override
  public Tensor logProb(Tensor x) {
    Tensor m = Params.expandRows(NAME, loc, x.rows());
    Tensor s = Params.expandRows(NAME, scale, x.rows());
    Tensor logx = x.log();
    Tensor lp = logx.sub(m).div(s).square().mul(-0.5).sub(logx).sub(s.log())
        .sub(Normal.LOG_SQRT_2PI);
    return Params.maskOutside(lp, x, v -> v <= 0);
  }

  @Override
  public Tensor sample(Rng rng, int particles) {
    return rsample(rng, particles).stopGradient();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  /** exp(μ + σ·ε) with ε ~ N(0, 1) drawn into a pooled constant. */
  @Override
  public Tensor rsample(Rng rng, int particles) {
    Params.checkParticles(NAME, particles);
    int n = particles * rows;
    Tensor eps = loc.newConstant(n, cols);
    double[] e = eps.value().data;
    for (int k = 0; k < n * cols; k++) {
      e[k] = rng.nextGaussian();
    }
    return eps.mul(Params.expandRows(NAME, scale, n)).add(Params.expandRows(NAME, loc, n)).exp();
  }

  /** exp(μ + σ²/2). */
  @Override
  public Tensor mean() {
    return Params.broadcastTo(loc.add(scale.square().mul(0.5)).exp(), rows, cols);
  }

  /** expm1(σ²) · exp(2μ + σ²). */
  @Override
  public Tensor variance() {
    Tensor s2 = scale.square();
    return Params.broadcastTo(s2.expm1().mul(loc.mul(2.0).add(s2).exp()), rows, cols);
  }

  /** μ + ½ + log σ + log √(2π). */
  @Override
  public Tensor entropy() {
    return Params.broadcastTo(loc.add(scale.log()).add(0.5 + Normal.LOG_SQRT_2PI), rows, cols);
  }

  @Override
  public String toString() {
    return NAME + "[" + rows + "x" + cols + "]";
  }
}
