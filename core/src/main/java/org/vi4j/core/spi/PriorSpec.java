package org.vi4j.core.spi;

import org.vi4j.core.distributions.Distribution;

/**
 * A model that exposes the prior of each GLOBAL latent block as a {@link Distribution}, separately
 * from the likelihood, so estimators can use an analytic KL(q ‖ prior) (AEVB's "estimator B") and
 * guides can initialise from the prior.
 *
 * <pre>{@code
 * PriorSpec ps = model.as(PriorSpec.class).orElseThrow();
 * Distribution prior = ps.prior("rate");                           // e.g. Gamma, 1 x 64
 * Tensor kl = KlRegistry.standard().kl(guideFactor, prior).sum();  // closed form
 * Tensor logPrior = prior.logProb(d.z().get("rate")).sumRows();    // particles x 1
 * }</pre>
 *
 * <p><strong>Contract.</strong> For every latent in {@link #priorLatents()}, the prior's parameter
 * shape broadcasts to {@code 1 x size} (one factorised block) and {@code logJoint(z, batch)} equals
 * Σ over those latents of {@code prior(latent).logProb(z.get(latent))} summed per particle, plus the
 * remaining (likelihood and other) terms. Its tensors may depend on θ (then they carry gradients
 * when θ is watched).
 */
public interface PriorSpec {

  /** The GLOBAL latents whose priors {@link #prior} gives, in {@link LatentSpec} order. */
  java.util.List<String> priorLatents();

  /** The prior of one GLOBAL latent block; an unknown name is an IAE naming the known ones. */
  Distribution prior(String latent);
}
