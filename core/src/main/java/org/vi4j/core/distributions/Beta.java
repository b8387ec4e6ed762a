package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Ops;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;

/**
 * The beta distribution with shapes a and b, density on [0, 1]
 * <pre>
 *   p(x) = x<sup>a−1</sup> (1 − x)<sup>b−1</sup> / B(a, b),   B(a, b) = Γ(a)Γ(b)/Γ(a + b).
 * </pre>
 *
 * <p>Mean a/(a + b), variance ab / ((a + b)²(a + b + 1)), entropy
 * log B(a, b) − (a − 1)ψ(a) − (b − 1)ψ(b) + (a + b − 2)ψ(a + b).
 *
 * <p>Pathwise draws z = G<sub>a</sub> / (G<sub>a</sub> + G<sub>b</sub>) with independent
 * G<sub>a</sub> ~ Gamma(a, 1), G<sub>b</sub> ~ Gamma(b, 1) from {@link Ops#sampleStandardGamma},
 * whose gradient is the implicit reparameterisation one (Figurnov, Mohamed and Mnih, "Implicit
 * Reparameterization Gradients", NeurIPS 2018). The chain rule through the ratio then gives the
 * exact pathwise gradient of z: ∂z/∂a = (1 − z)/(G<sub>a</sub> + G<sub>b</sub>) · ∂G<sub>a</sub>/∂a,
 * ∂z/∂b = −z/(G<sub>a</sub> + G<sub>b</sub>) · ∂G<sub>b</sub>/∂b. For shapes below about 0.05 both
 * gamma draws can underflow to 0 and the pathwise draw is then NaN; {@link #sample} (no gradient)
 * works in log space ({@link Samplers#beta}) and has no such limit.
 */
public final class Beta implements Distribution {

  public static final String NAME = "Beta";

  private final Tensor a;
  private final Tensor b;
  private final int rows;
  private final int cols;

  private Beta(Tensor a, Tensor b) {
    this.a = Params.positive(NAME, "a", a);
    this.b = Params.positive(NAME, "b", b);
    this.rows = Params.broadcast(NAME, "rows", a.rows(), b.rows());
    this.cols = Params.broadcast(NAME, "columns", a.cols(), b.cols());
  }

  /**
   * Beta(a, b); the tensors broadcast to the parameter shape.
   *
   * @param a first shape (the pseudo-count of 1s); finite and &gt; 0
   * @param b second shape (the pseudo-count of 0s); finite and &gt; 0
   * @throws DistributionException if a parameter is outside its domain
   */
  public static Beta of(Tensor a, Tensor b) {
    return new Beta(a, b);
  }

  /** A scalar Beta(a, b); see {@link #of(Tensor, Tensor)}. */
  public static Beta of(double a, double b) {
    return new Beta(Tensor.scalar(a), Tensor.scalar(b));
  }

  /** The first shape a. */
  public Tensor a() {
    return a;
  }

  /** The second shape b. */
  public Tensor b() {
    return b;
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
    return Support.UNIT_INTERVAL;
  }

  /** log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b). */
  static Tensor logBeta(Tensor a, Tensor b) {
    return a.lgamma().add(b.lgamma()).sub(a.add(b).lgamma());
  }

  /**
   * (a − 1) log x + (b − 1) log(1 − x) − log B(a, b); −∞ outside [0, 1]. At the edges it is the
   * limit (0 · log 0 counts as 0): at x = 0, −∞ for a &gt; 1, −log B(a, b) for a = 1, +∞ for
   * a &lt; 1, and likewise in b at x = 1. ∂/∂x = (a − 1)/x − (b − 1)/(1 − x),
   * ∂/∂a = log x − ψ(a) + ψ(a + b).
   */
  @Override
  public Tensor logProb(Tensor x) {
    Tensor pa = Params.expandRows(NAME, a, x.rows());
    Tensor pb = Params.expandRows(NAME, b, x.rows());
    Tensor lp = pa.sub(1.0).mul(x.log()).add(pb.sub(1.0).mul(x.neg().log1p()))
        .sub(logBeta(pa, pb));
    double[] out = lp.value().data;
    for (int i = 0, c = lp.cols(); i < lp.rows(); i++) {
      for (int j = 0; j < c; j++) {
        double xv = Params.at(x, i, j);
        if (xv < 0 || xv > 1) {
          out[i * c + j] = Double.NEGATIVE_INFINITY;
        } else if (xv == 0 || xv == 1) {
          double av = Params.at(pa, i, j);
          double bv = Params.at(pb, i, j);
          out[i * c + j] = Params.xlogyAtZero(xv == 0 ? av - 1 : bv - 1)
              - SpecialFunctions.logBeta(av, bv);
        }
      }
    }
    return lp;
  }

  /** Exact draws from {@link Samplers#beta} (log-space for small shapes), with no gradient. */
  @Override
  public Tensor sample(Rng rng, int particles) {
    Params.checkParticles(NAME, particles);
    Tensor pa = Params.broadcastTo(a, rows, cols).stopGradient();
    Tensor pb = Params.broadcastTo(b, rows, cols).stopGradient();
    int n = rows * cols;
    Tensor z = Tensor.zeros(particles * rows, cols);
    double[] d = z.value().data;
    double[] av = pa.value().data;
    double[] bv = pb.value().data;
    for (int p = 0; p < particles; p++) {
      for (int k = 0; k < n; k++) {
        d[p * n + k] = Samplers.beta(rng, av[k], bv[k]);
      }
    }
    return z;
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  /** G<sub>a</sub> / (G<sub>a</sub> + G<sub>b</sub>), implicitly reparameterised gamma draws. */
  @Override
  public Tensor rsample(Rng rng, int particles) {
    Params.checkParticles(NAME, particles);
    Tensor ga = Ops.sampleStandardGamma(Params.broadcastTo(a, rows, cols), particles, rng);
    Tensor gb = Ops.sampleStandardGamma(Params.broadcastTo(b, rows, cols), particles, rng);
    return ga.div(ga.add(gb));
  }

  /** a/(a + b). */
  @Override
  public Tensor mean() {
    return Params.broadcastTo(a.div(a.add(b)), rows, cols);
  }

  /** ab / ((a + b)²(a + b + 1)). */
  @Override
  public Tensor variance() {
    Tensor s = a.add(b);
    return Params.broadcastTo(a.mul(b).div(s.square().mul(s.add(1.0))), rows, cols);
  }

  /** log B(a, b) − (a − 1)ψ(a) − (b − 1)ψ(b) + (a + b − 2)ψ(a + b). */
  @Override
  public Tensor entropy() {
    Tensor s = a.add(b);
    Tensor h = logBeta(a, b).sub(a.sub(1.0).mul(a.digamma())).sub(b.sub(1.0).mul(b.digamma()))
        .add(s.sub(2.0).mul(s.digamma()));
    return Params.broadcastTo(h, rows, cols);
  }

  @Override
  public String toString() {
    return NAME + "[" + rows + "x" + cols + "]";
  }
}
