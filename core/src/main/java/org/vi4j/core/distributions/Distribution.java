package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;

/**
 * A probability distribution whose parameters are autodiff {@link Tensor}s, so that log densities
 * and pathwise draws are differentiable in the parameters (a guide's φ, a model's θ).
 *
 * <pre>{@code
 * Normal q = Normal.of(loc, scale);              // loc, scale: 1 x d tensors (e.g. guide params)
 * Tensor z = q.rsample(rng, 128);                // 128 x d, differentiable in loc and scale
 * Tensor logq = q.logProb(z).sumRows();          // 128 x 1
 * }</pre>
 *
 * <p><strong>Shapes.</strong> The parameters broadcast to an r x c <em>parameter shape</em> ({@link
 * #rows()} x {@link #cols()}): r = 1 for global latents, r = B for one distribution per data row.
 * Draws for {@code particles} particles are (particles·r) x c, particle-major (row p·r + i is
 * particle p of parameter row i). {@link #logProb} takes values with r or a multiple of r rows (the
 * parameters are then repeated particle-major) and returns one log density per element for
 * factorised distributions, or per row (n x 1) for distributions over a whole row (Categorical,
 * Dirichlet: see {@link #eventCols()}).
 *
 * <p><strong>Outside the support</strong> {@code logProb} is −∞ (the density is 0 there); a
 * parameter outside its domain is refused when the distribution is made, naming the distribution,
 * the parameter and the value ({@link DistributionException}).
 */
public interface Distribution {

  /** The distribution's name, e.g. {@code "Normal"}. */
  String name();

  /** Rows of the parameter shape. */
  int rows();

  /** Columns of the parameter shape. */
  int cols();

  /** 1 for factorised (element-wise) distributions; the row length for distributions over rows. */
  default int eventCols() {
    return 1;
  }

  /** What values the distribution puts mass on. */
  Support support();

  /** log p(x), differentiable in x (where continuous) and in the parameters. */
  Tensor logProb(Tensor x);

  /** Draws for {@code particles} particles, with no gradient. */
  Tensor sample(Rng rng, int particles);

  /** True if {@link #rsample} gives pathwise (reparameterised) draws. */
  default boolean hasRsample() {
    return false;
  }

  /**
   * Draws for {@code particles} particles as a differentiable function of the parameters and
   * parameter-free noise. Only where {@link #hasRsample()}.
   *
   * @throws UnsupportedOperationException for distributions with no pathwise sampler
   */
  default Tensor rsample(Rng rng, int particles) {
    throw new UnsupportedOperationException(name() + " has no pathwise (reparameterised) sampler; "
        + "use a score-function estimator for it");
  }

  /** The mean, in the parameter shape. */
  Tensor mean();

  /** The variance, in the parameter shape. */
  Tensor variance();

  /**
   * The entropy −E[log p(x)] in closed form, one per element (or per row, see {@link
   * #eventCols()}).
   *
   * @throws UnsupportedOperationException where no closed form exists
   */
  default Tensor entropy() {
    throw new UnsupportedOperationException(name() + " has no closed-form entropy");
  }
}
