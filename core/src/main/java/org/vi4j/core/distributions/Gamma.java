package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Ops;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;

/**
 * The gamma distribution with shape α and rate β, density
 * p(x) = β<sup>α</sup> x<sup>α−1</sup> e<sup>−βx</sup> / Γ(α) on x &gt; 0.
 *
 * <p>Pathwise draws by implicit reparameterisation (Figurnov et al. 2018): z = G/β with
 * G ~ Gamma(α, 1) and ∂G/∂α = −(∂P(α, G)/∂α) / p(G; α) ({@link Ops#sampleStandardGamma}).
 * Mean α/β, variance α/β², entropy α − log β + log Γ(α) + (1 − α)ψ(α).
 */
public final class Gamma implements Distribution {

  public static final String NAME = "Gamma";

  private final Tensor shape;
  private final Tensor rate;
  private final int rows;
  private final int cols;

  private Gamma(Tensor shape, Tensor rate) {
    this.shape = Params.positive(NAME, "shape", shape);
    this.rate = Params.positive(NAME, "rate", rate);
    this.rows = Params.broadcast(NAME, "rows", shape.rows(), rate.rows());
    this.cols = Params.broadcast(NAME, "columns", shape.cols(), rate.cols());
  }

  /** Gamma(shape, rate); both &gt; 0 and finite, broadcasting to the parameter shape. */
  public static Gamma of(Tensor shape, Tensor rate) {
    return new Gamma(shape, rate);
  }

  /** A scalar Gamma(shape, rate). */
  public static Gamma of(double shape, double rate) {
    return new Gamma(Tensor.scalar(shape), Tensor.scalar(rate));
  }

  public Tensor shape() {
    return shape;
  }

  public Tensor rate() {
    return rate;
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
   * α log β + (α − 1) log x − βx − log Γ(α); −∞ for x &lt; 0. At the edge x = 0 it is the limit:
   * −∞ for α &gt; 1, log β for α = 1 (0 · log 0 counts as 0), +∞ for α &lt; 1. ∂/∂x = (α − 1)/x − β,
   * ∂/∂α = log β + log x − ψ(α), ∂/∂β = α/β − x.
   */
  @Override
  public Tensor logProb(Tensor x) {
    Tensor a = Params.expandRows(NAME, shape, x.rows());
    Tensor b = Params.expandRows(NAME, rate, x.rows());
    Tensor logx = x.log();
    Tensor lp = a.mul(b.log()).add(a.sub(1.0).mul(logx)).sub(b.mul(x)).sub(a.lgamma());
    // log x is NaN below 0 and (α − 1)·log 0 is NaN at α = 1: put in the density's own values.
    double[] out = lp.value().data;
    for (int i = 0, c = lp.cols(); i < lp.rows(); i++) {
      for (int j = 0; j < c; j++) {
        double xv = Params.at(x, i, j);
        if (xv < 0) {
          out[i * c + j] = Double.NEGATIVE_INFINITY;
        } else if (xv == 0) {
          double av = Params.at(a, i, j);
          out[i * c + j] = Params.xlogyAtZero(av - 1) + av * Math.log(Params.at(b, i, j))
              - SpecialFunctions.lgamma(av);
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

  @Override
  public Tensor rsample(Rng rng, int particles) {
    Params.checkParticles(NAME, particles);
    Tensor a = Params.broadcastTo(shape, rows, cols);
    Tensor g = Ops.sampleStandardGamma(a, particles, rng);
    return g.div(Params.expandRows(NAME, rate, particles * rows));
  }

  @Override
  public Tensor mean() {
    return Params.broadcastTo(shape.div(rate), rows, cols);
  }

  @Override
  public Tensor variance() {
    return Params.broadcastTo(shape.div(rate.square()), rows, cols);
  }

  /** α − log β + log Γ(α) + (1 − α)ψ(α). */
  @Override
  public Tensor entropy() {
    Tensor h = shape.sub(rate.log()).add(shape.lgamma()).add(shape.neg().add(1.0).mul(shape.digamma()));
    return Params.broadcastTo(h, rows, cols);
  }

  @Override
  public String toString() {
    return NAME + "[" + rows + "x" + cols + "]";
  }
}
