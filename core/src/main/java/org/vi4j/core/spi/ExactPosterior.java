package org.vi4j.core.spi;

import org.vi4j.core.autodiff.Tensor;

/**
 * A model whose posterior p(z | x) has a closed form, for validating a fit: KL(q ‖ p(z|x)) by
 * Monte Carlo, and moments to compare with the guide's.
 *
 * <pre>{@code
 * ExactPosterior post = model.as(ExactPosterior.class).orElseThrow();
 * Draw d = guide.draw(Batch.full(data), rng, 1000);
 * double kl = d.logQ().sub(post.logPosterior(d.z())).mean().item();   // KL(q ‖ p) estimate
 * }</pre>
 *
 * <p><strong>Contract.</strong> For the full data set the model holds, at the current θ; latents
 * laid out as for a batch of the full data ({@link Latents}). Planned: a
 * {@code posterior(String latent)} returning a distribution object once
 * {@code org.vi4j.core.distributions} exists.
 */
public interface ExactPosterior {

  /** log p(z | x) per particle, {@code particles x 1}. */
  Tensor logPosterior(Latents z);

  /** E[z | x] of a GLOBAL latent, {@code 1 x size}; an unknown or LOCAL name is an IAE. */
  Tensor posteriorMean(String latent);
}
