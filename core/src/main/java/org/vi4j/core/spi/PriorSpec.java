package org.vi4j.core.spi;

import org.vi4j.core.autodiff.Tensor;

/**
 * A model that exposes its prior p(z) separately from the likelihood, so estimators can use an
 * analytic KL(q ‖ prior) (AEVB "estimator B") and guides can initialise from the prior.
 *
 * <pre>{@code
 * Tensor logPrior = model.as(PriorSpec.class).orElseThrow().logPrior(d.z(), batch);  // particles x 1
 * Tensor logLikelihood = model.logJoint(d.z(), batch).sub(logPrior);
 * }</pre>
 *
 * <p><strong>Contract.</strong> {@code logJoint(z, batch) = logPrior(z) + logLikelihood} where
 * LOCAL prior terms are scaled by {@code batch.scale()} in both. Planned: a
 * {@code prior(String latent)} returning a distribution object (for the KL registry) once
 * {@code org.vi4j.core.distributions} exists; this interface is provisional until then.
 */
public interface PriorSpec {

  /** log p(z; θ) per particle, {@code particles x 1}, LOCAL terms scaled by {@code batch.scale()}. */
  Tensor logPrior(Latents z, Batch batch);
}
