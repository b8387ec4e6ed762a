package org.vi4j.core.spi;

import org.vi4j.core.autodiff.Tensor;

/**
 * A guide capability: a mean-field family whose factors are exponential families, readable as
 * expected sufficient statistics and writable as natural parameters. The counterpart of
 * {@link ConjugateUpdates} for coordinate-ascent optimizers.
 *
 * <pre>{@code
 * Tensor eta = qf.naturalParameters("rate", batch);
 * Tensor etaHat = cu.optimalNaturalParameters("rate", qf, batch);
 * qf.setNaturalParameters("rate", batch, eta.mul(1 - rho).add(etaHat.mul(rho)));   // SVI blend
 * }</pre>
 *
 * <p><strong>Contract.</strong> Shapes as in {@link ConjugateUpdates#optimalNaturalParameters}.
 * For a LOCAL latent the rows are the batch's rows ({@link Batch#row(int)} gives their place in
 * the data set). Values are constants (no gradient).
 */
public interface ConjugateFactors {

  /** E_q[T(z_latent)]: the expected sufficient statistics of one factor. */
  Tensor expectedSufficientStatistics(String latent, Batch batch);

  /** The current natural parameters of one factor. */
  Tensor naturalParameters(String latent, Batch batch);

  /** Overwrites the natural parameters of one factor (φ changes accordingly). */
  void setNaturalParameters(String latent, Batch batch, Tensor eta);
}
