package org.vi4j.core.spi;

import org.vi4j.core.distributions.Distribution;

/**
 * A guide capability: a mean-field family whose factor for each GLOBAL latent block is one of
 * vi4j's {@link Distribution}s, so estimators can use closed-form KL(q ‖ prior) or entropy terms
 * and validation can compare q with an exact posterior.
 *
 * <pre>{@code
 * FactorizedFamily ff = guide.as(FactorizedFamily.class).orElseThrow();
 * Distribution q = ff.factor("rate");      // built from φ: taped when φ is watched
 * Tensor h = q.entropy().sum();            // 1x1, differentiable in φ
 * }</pre>
 *
 * <p><strong>Contract.</strong> {@link VariationalFamily#draw} draws each listed latent from
 * exactly {@code factor(latent)} (parameter shape broadcasting to {@code 1 x size}), independently
 * of the others, and its {@code logQ} is the sum of the factors' log densities. Call
 * {@code factor} inside the recording whose gradients you want.
 */
public interface FactorizedFamily {

  /** The latents this family covers with a distribution factor, in {@link LatentSpec} order. */
  java.util.List<String> factorLatents();

  /** The current q factor of one latent; an unknown name is an IAE naming the known ones. */
  Distribution factor(String latent);

  /**
   * The q factor of one latent for the rows of {@code batch}, built now from φ (taped when φ is
   * watched), without drawing: for a LOCAL latent of an amortised family, q(z_i | x_i) of every batch
   * row, a distribution whose parameter shape has one row per batch row (B x size), so that its
   * {@code logProb} of a particle-major {@code (particles·B) x size} block is per particle and row.
   * Estimators that need q's per-row factor without a draw (exact enumeration of discrete latents)
   * call this.
   *
   * <pre>{@code
   * Bernoulli q = (Bernoulli) guide.as(FactorizedFamily.class).orElseThrow().factor("z", batch);
   * q.logits();                              // B x K, differentiable in the encoder's weights
   * }</pre>
   *
   * <p>The default returns {@link #factor(String)}, which is right for GLOBAL latents (their factor
   * does not depend on the data); families with LOCAL latents override it.
   *
   * @param batch the data rows. Not modified.
   */
  default Distribution factor(String latent, Batch batch) {
    return factor(latent);
  }
}
