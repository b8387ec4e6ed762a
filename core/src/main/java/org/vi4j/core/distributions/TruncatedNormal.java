package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;

/**
 * A normal distribution N(μ, σ²) truncated to [ℓ, ∞), density
 * p(x) = φ((x − μ)/σ) / (σ Φ((μ − ℓ)/σ)) for x ≥ ℓ. It is the exact posterior of z ~ Exp(λ),
 * x ~ N(z, 1) (μ = x − λ, σ = 1, ℓ = 0).
 *
 * <p>Pathwise draws by the inverse CDF in its upper-tail form, z = μ − σ Φ⁻¹(v Φ(a')), v ~ U(0, 1),
 * a' = (μ − ℓ)/σ, which stays accurate when the bound lies far above the mean (a' down to about
 * −37, where Φ(a') leaves double range). With a = −a' = (ℓ − μ)/σ and λ = φ(a)/Φ(a'): mean
 * μ + σλ, variance σ²(1 + aλ − λ²), entropy ½ + log(σ√(2π)) + log Φ(a') + aλ/2.
 */
public final class TruncatedNormal implements Distribution {

  public static final String NAME = "TruncatedNormal";

  private final Tensor loc;
  private final Tensor scale;
  private final double lower;
  private final int rows;
  private final int cols;

  private TruncatedNormal(Tensor loc, Tensor scale, double lower) {
    this.loc = Params.finite(NAME, "loc", loc);
    this.scale = Params.positive(NAME, "scale", scale);
    if (!Double.isFinite(lower)) {
      throw new DistributionException(NAME + ": lower must be finite, got " + lower);
    }
    this.lower = lower;
    this.rows = Params.broadcast(NAME, "rows", loc.rows(), scale.rows());
    this.cols = Params.broadcast(NAME, "columns", loc.cols(), scale.cols());
  }

  /** N(loc, scale²) truncated to [lower, ∞). */
  public static TruncatedNormal of(Tensor loc, Tensor scale, double lower) {
    return new TruncatedNormal(loc, scale, lower);
  }

  /** A scalar N(loc, scale²) truncated to [lower, ∞). */
  public static TruncatedNormal of(double loc, double scale, double lower) {
    return new TruncatedNormal(Tensor.scalar(loc), Tensor.scalar(scale), lower);
  }

  public Tensor loc() {
    return loc;
  }

  public Tensor scale() {
    return scale;
  }

  public double lower() {
    return lower;
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
    return Support.LOWER_BOUNDED;
  }

  /** (μ − ℓ)/σ, the standardised distance of the mean above the bound. */
  private Tensor aboveBound(Tensor m, Tensor s) {
    return m.sub(lower).div(s);
  }

  /** −½((x − μ)/σ)² − log σ − log √(2π) − log Φ((μ − ℓ)/σ); −∞ below ℓ. */
  @Override
  public Tensor logProb(Tensor x) {
    Tensor m = Params.expandRows(NAME, loc, x.rows());
    Tensor s = Params.expandRows(NAME, scale, x.rows());
    Tensor lp = x.sub(m).div(s).square().mul(-0.5).sub(s.log()).sub(Normal.LOG_SQRT_2PI)
        .sub(aboveBound(m, s).logNormalCdf());
    // Zero density below the bound: the value there is −∞ (its gradient is the untruncated one's,
    // which no estimator uses since draws never fall below the bound).
    double[] xv = x.value().data;
    double[] out = lp.value().data;
    int xr = x.rows();
    int xc = x.cols();
    for (int i = 0, c = lp.cols(); i < lp.rows(); i++) {
      for (int j = 0; j < c; j++) {
        if (xv[(xr == 1 ? 0 : i) * xc + (xc == 1 ? 0 : j)] < lower) {
          out[i * c + j] = Double.NEGATIVE_INFINITY;
        }
      }
    }
    return lp;
  }

  @Override
  public Tensor sample(Rng rng, int particles) {
    return rsample(rng, particles).stopGradient();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  /** μ − σ Φ⁻¹(v Φ((μ − ℓ)/σ)), v ~ U(0, 1); the result is clamped to ℓ against round-off. */
  @Override
  public Tensor rsample(Rng rng, int particles) {
    Params.checkParticles(NAME, particles);
    int n = particles * rows;
    Tensor v = loc.newConstant(n, cols);
    double[] e = v.value().data;
    for (int k = 0; k < n * cols; k++) {
      e[k] = rng.nextOpenDouble();
    }
    Tensor m = Params.expandRows(NAME, loc, n);
    Tensor s = Params.expandRows(NAME, scale, n);
    Tensor w = aboveBound(m, s).normalCdf().mul(v).inverseNormalCdf();
    return m.sub(s.mul(w)).clamp(lower, Double.POSITIVE_INFINITY);
  }

  /** λ = φ(a)/Φ(−a) for a = (ℓ − μ)/σ, formed in log space. */
  private Tensor millsInverse(Tensor a) {
    return a.square().mul(-0.5).sub(Normal.LOG_SQRT_2PI).sub(a.neg().logNormalCdf()).exp();
  }

  @Override
  public Tensor mean() {
    Tensor a = loc.neg().add(lower).div(scale);
    return Params.broadcastTo(loc.add(scale.mul(millsInverse(a))), rows, cols);
  }

  @Override
  public Tensor variance() {
    Tensor a = loc.neg().add(lower).div(scale);
    Tensor lam = millsInverse(a);
    return Params.broadcastTo(scale.square().mul(a.mul(lam).add(1.0).sub(lam.square())), rows, cols);
  }

  /** ½ + log(σ√(2π)) + log Φ(−a) + aλ/2. */
  @Override
  public Tensor entropy() {
    Tensor a = loc.neg().add(lower).div(scale);
    Tensor h = scale.log().add(0.5 + Normal.LOG_SQRT_2PI).add(a.neg().logNormalCdf())
        .add(a.mul(millsInverse(a)).mul(0.5));
    return Params.broadcastTo(h, rows, cols);
  }

  @Override
  public String toString() {
    return NAME + "[" + rows + "x" + cols + ", lower " + lower + "]";
  }
}
