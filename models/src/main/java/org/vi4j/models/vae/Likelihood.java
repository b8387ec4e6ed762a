package org.vi4j.models.vae;

/** The decoder's likelihood p<sub>θ</sub>(x | z) of a {@link VaeModel}. */
public enum Likelihood {
  /**
   * Π_j Bernoulli(x_j; σ(l_j)) with logits l = decoder(z): log p = Σ_j x_j l_j − softplus(l_j),
   * for data in [0, 1] (binary, or grey levels as a cross-entropy).
   */
  BERNOULLI,
  /**
   * Π_j N(x_j; μ_j, s_j²) with μ = decoder(z) and s a fixed value or a learned per-feature
   * scale (parameter {@code decoder.log_scale}, s = e^{log_scale}), for real-valued data.
   */
  GAUSSIAN
}
