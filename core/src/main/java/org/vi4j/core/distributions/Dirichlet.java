package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Ops;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;

/**
 * The Dirichlet distribution over rows of the K-simplex, one distribution per parameter row: an
 * r x K tensor of concentrations α gives r independent Dirichlets ({@link #eventCols()} = K).
 * Density, with α<sub>0</sub> = Σ<sub>j</sub> α<sub>j</sub>,
 * <pre>
 *   p(x) = Π<sub>j</sub> x<sub>j</sub><sup>α<sub>j</sub>−1</sup> / B(α),
 *   B(α) = Π<sub>j</sub> Γ(α<sub>j</sub>) / Γ(α<sub>0</sub>),   x<sub>j</sub> ≥ 0, Σ x<sub>j</sub> = 1.
 * </pre>
 *
 * <p>Mean α<sub>j</sub>/α<sub>0</sub>, variance
 * α<sub>j</sub>(α<sub>0</sub> − α<sub>j</sub>) / (α<sub>0</sub>²(α<sub>0</sub> + 1)) (per
 * coordinate, r x K), entropy (per row, r x 1)
 * log B(α) + (α<sub>0</sub> − K)ψ(α<sub>0</sub>) − Σ<sub>j</sub>(α<sub>j</sub> − 1)ψ(α<sub>j</sub>).
 *
 * <p>Pathwise draws z = G / Σ<sub>j</sub> G<sub>j</sub> row-wise with G<sub>j</sub> ~
 * Gamma(α<sub>j</sub>, 1) from {@link Ops#sampleStandardGamma}, implicitly reparameterised (Figurnov,
 * Mohamed and Mnih, "Implicit Reparameterization Gradients", NeurIPS 2018); the chain rule
 * through the normalisation gives the exact pathwise gradient. For concentrations below about 0.05
 * every gamma draw of a row can underflow to 0 (a NaN row); {@link #sample} (no gradient) works in
 * log space ({@link Samplers#dirichlet}) and has no such limit.
 */
public final class Dirichlet implements Distribution {

  public static final String NAME = "Dirichlet";

  /**
   * How far a row's sum may be from 1 and still count as on the simplex in {@link #logProb}: far
   * above the round-off of a normalised row (about K ulp), far below any real mistake.
   */
  public static final double SIMPLEX_TOLERANCE = 1e-6;

  private final Tensor concentration;

  private Dirichlet(Tensor concentration) {
    this.concentration = Params.positive(NAME, "concentration", concentration);
  }

  /**
   * Dirichlet(α), one distribution per row of {@code concentration}.
   *
   * @param concentration α, r x K with every element finite and &gt; 0
   * @throws DistributionException if an element is not finite and positive
   */
  public static Dirichlet of(Tensor concentration) {
    return new Dirichlet(concentration);
  }

  /** A single Dirichlet(α) over K = {@code concentration.length} categories. */
  public static Dirichlet of(double... concentration) {
    return new Dirichlet(Tensor.row(concentration));
  }

  /** α, r x K. */
  public Tensor concentration() {
    return concentration;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int rows() {
    return concentration.rows();
  }

  @Override
  public int cols() {
    return concentration.cols();
  }

  /** K: the distribution is over whole rows. */
  @Override
  public int eventCols() {
    return concentration.cols();
  }

  @Override
  public Support support() {
    return Support.SIMPLEX;
  }

  /** log B(α) = Σ log Γ(α<sub>j</sub>) − log Γ(α<sub>0</sub>), per row (r x 1). */
  static Tensor logMultivariateBeta(Tensor alpha) {
    return alpha.lgamma().sumRows().sub(alpha.sumRows().lgamma());
  }

  /**
   * Σ<sub>j</sub> (α<sub>j</sub> − 1) log x<sub>j</sub> − log B(α), one value per row (n x 1 for an
   * n x K value, n a multiple of r). −∞ for a row with a negative element or whose sum is more
   * than {@link #SIMPLEX_TOLERANCE} from 1; an element at 0 contributes its limit (0 · log 0 counts
   * as 0, so it adds −∞ for α<sub>j</sub> &gt; 1 and +∞ for α<sub>j</sub> &lt; 1).
   * ∂/∂x<sub>j</sub> = (α<sub>j</sub> − 1)/x<sub>j</sub>, ∂/∂α<sub>j</sub> = log x<sub>j</sub> −
   * ψ(α<sub>j</sub>) + ψ(α<sub>0</sub>).
   *
   * @throws IllegalArgumentException if {@code x} does not have K columns
   */
  @Override
  public Tensor logProb(Tensor x) {
    int k = concentration.cols();
    if (x.cols() != k) {
      throw new IllegalArgumentException(NAME + ": values have " + x.cols() + " columns, but the "
          + "distribution is over rows of " + k);
    }
    Tensor alpha = Params.expandRows(NAME, concentration, x.rows());
    Tensor lp = alpha.sub(1.0).mul(x.log()).sumRows().sub(logMultivariateBeta(alpha));
    double[] xv = x.value().data;
    double[] out = lp.value().data;
    for (int i = 0; i < x.rows(); i++) {
      double sum = 0;
      boolean negative = false;
      boolean zero = false;
      for (int j = 0; j < k; j++) {
        double v = xv[i * k + j];
        sum += v;
        negative |= v < 0;
        zero |= v == 0;
      }
      if (negative || Math.abs(sum - 1) > SIMPLEX_TOLERANCE) {
        out[i] = Double.NEGATIVE_INFINITY;
      } else if (zero) {
        double total = 0;
        double alpha0 = 0;
        for (int j = 0; j < k; j++) {
          double aj = Params.at(alpha, i, j);
          double v = xv[i * k + j];
          total += v == 0 ? Params.xlogyAtZero(aj - 1) : (aj - 1) * Math.log(v);
          total -= SpecialFunctions.lgamma(aj);
          alpha0 += aj;
        }
        out[i] = total + SpecialFunctions.lgamma(alpha0);
      }
    }
    return lp;
  }

  /** Exact draws from {@link Samplers#dirichlet} (log-space for small α), with no gradient. */
  @Override
  public Tensor sample(Rng rng, int particles) {
    Params.checkParticles(NAME, particles);
    int r = rows();
    int k = cols();
    double[] alpha = concentration.value().data;
    Tensor z = Tensor.zeros(particles * r, k);
    double[] d = z.value().data;
    double[] row = new double[k];
    double[] out = new double[k];
    for (int p = 0; p < particles; p++) {
      for (int i = 0; i < r; i++) {
        System.arraycopy(alpha, i * k, row, 0, k);
        Samplers.dirichlet(rng, row, out);
        System.arraycopy(out, 0, d, (p * r + i) * k, k);
      }
    }
    return z;
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  /** G / Σ G row-wise, implicitly reparameterised gamma draws G. */
  @Override
  public Tensor rsample(Rng rng, int particles) {
    Params.checkParticles(NAME, particles);
    Tensor g = Ops.sampleStandardGamma(concentration, particles, rng);
    return g.div(g.sumRows());
  }

  /** α<sub>j</sub>/α<sub>0</sub>, r x K. */
  @Override
  public Tensor mean() {
    return concentration.div(concentration.sumRows());
  }

  /** α<sub>j</sub>(α<sub>0</sub> − α<sub>j</sub>) / (α<sub>0</sub>²(α<sub>0</sub> + 1)), r x K. */
  @Override
  public Tensor variance() {
    Tensor a0 = concentration.sumRows();
    return concentration.mul(concentration.neg().add(a0)).div(a0.square().mul(a0.add(1.0)));
  }

  /** log B(α) + (α<sub>0</sub> − K)ψ(α<sub>0</sub>) − Σ(α<sub>j</sub> − 1)ψ(α<sub>j</sub>), r x 1. */
  @Override
  public Tensor entropy() {
    Tensor a0 = concentration.sumRows();
    return logMultivariateBeta(concentration).add(a0.sub(cols()).mul(a0.digamma()))
        .sub(concentration.sub(1.0).mul(concentration.digamma()).sumRows());
  }

  @Override
  public String toString() {
    return NAME + "[" + rows() + "x" + cols() + "]";
  }
}
