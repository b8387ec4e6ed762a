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

  /**
   * {@link #of(Tensor, Tensor)}, validated the same way, but {@code previous} itself when it is a
   * normal over exactly these tensor objects with the same shape (e.g. tape nodes that a training
   * loop reuses step after step): such a loop then makes no distribution object per step.
   *
   * <pre>{@code
   * q = Normal.of(mu, sigma, q);     // q: the previous step's Normal, or null
   * }</pre>
   *
   * @param previous a normal to hand back if it views {@code loc} and {@code scale}; may be null
   * @throws DistributionException as {@link #of(Tensor, Tensor)}
   */
  public static Normal of(Tensor loc, Tensor scale, Normal previous) {
    if (previous != null && previous.loc == loc && previous.scale == scale) {
      Params.finite(NAME, "loc", loc);
      Params.positive(NAME, "scale", scale);
      if (Params.broadcast(NAME, "rows", loc.rows(), scale.rows()) == previous.rows
          && Params.broadcast(NAME, "columns", loc.cols(), scale.cols()) == previous.cols) {
        return previous;
      }
    }
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
    return x.sub(m).div(s).square().mul(-0.5).sub(logOf(s, x)).sub(LOG_SQRT_2PI);
  }

  /**
   * log σ: an op on σ when σ needs a gradient, else the same values in a constant from the tape of
   * {@code x} (so a fixed prior's log σ allocates nothing in a taped loop).
   */
  private static Tensor logOf(Tensor s, Tensor x) {
    if (s.requiresGrad()) {
      return s.log();
    }
    Tensor out = x.newConstant(s.rows(), s.cols());
    double[] v = s.value().data;
    double[] o = out.value().data;
    for (int k = 0, n = s.size(); k < n; k++) {
      o[k] = Math.log(v[k]);
    }
    return out;
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
