package org.vi4j.core.spi;

import org.vi4j.core.distributions.Support;

/**
 * Whether a latent block is shared by the whole data set or exists once per data row.
 *
 * <pre>{@code
 * Latent.global("rate", 64, Support.POSITIVE);   // one 64-vector per particle
 * Latent.local("z", 20, Support.REAL);           // one 20-vector per particle and data row
 * }</pre>
 *
 * <p>See {@link Latents} for how each scope is laid out in a tensor.
 */
public enum Scope {
  /** One block per particle, shared by all data rows (θ-like latents: rates, topics, weights). */
  GLOBAL,
  /**
   * One block per particle and per data row of the {@link Batch} (cluster assignments, VAE codes).
   * Its terms in the log joint are multiplied by {@link Batch#scale()}.
   */
  LOCAL
}
