package org.vi4j.core.spi;

import org.vi4j.core.autodiff.Tensor;

/**
 * A model that scores new data under given latents: held-out log-likelihood, perplexity and the
 * posterior predictive log p(x_new | x) ≈ log mean_s p(x_new | z_s), z_s ~ q.
 *
 * <pre>{@code
 * Predictive pred = model.as(Predictive.class).orElseThrow();
 * Tensor ll = pred.logLikelihood(guide.draw(heldOut, rng, 100).z(), heldOut);   // 100 x 1
 * // log p(x_new | x) ≈ log mean_s exp(ll_s): a log-mean-exp over the 100 rows
 * }</pre>
 *
 * <p><strong>Contract.</strong> Unscaled: the sum over the batch's rows, not multiplied by
 * {@code batch.scale()}. Models with LOCAL latents score the held-out rows with the LOCAL values in
 * {@code z} (drawn for those rows).
 */
public interface Predictive {

  /** log p(x_batch | z; θ) per particle, {@code particles x 1}, summed over the batch's rows. */
  Tensor logLikelihood(Latents z, Batch batch);
}
