package org.vi4j.core.spi;

import org.vi4j.core.autodiff.Tensor;

/**
 * A model capability for models whose latents are all LOCAL and whose data rows are independent
 * given θ (e.g. a variational autoencoder): the log joint of each data row with its own latents,
 * per particle, so that estimators can weight particles <em>per data row</em> (the
 * importance-weighted bound of Burda, Grosse &amp; Salakhutdinov 2016 needs
 * log p(x_i) ≥ E[log (1/k) Σ_s p(x_i, z_{s,i}) / q(z_{s,i} | x_i)] row by row).
 *
 * <pre>{@code
 * Tensor rows = model.as(PointwiseLogJoint.class).orElseThrow()
 *     .logJointPerRow(z, batch);                 // (particles·B) x 1, row p·B + i
 * }</pre>
 *
 * <p><strong>Contract.</strong> The result is {@code (particles·B) x 1}, particle-major like a
 * LOCAL latent block (row p·B + i: particle p, batch row i), <em>not</em> scaled by
 * {@link Batch#scale()}, and {@code logJoint(z, batch)} equals its per-particle sum over the batch
 * rows times {@code batch.scale()}.
 */
public interface PointwiseLogJoint {

  /** log p(x_i, z_{p,i}; θ) per particle p and batch row i, unscaled; see the class javadoc. */
  Tensor logJointPerRow(Latents z, Batch batch);
}
