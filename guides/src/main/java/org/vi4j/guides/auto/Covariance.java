package org.vi4j.guides.auto;

/** The covariance of {@link AutoGuide}'s Normal on each latent's unconstrained space. */
public enum Covariance {
  /** Independent coordinates: N(μ, diag(σ²)), ADVI's mean-field variant. */
  DIAGONAL,
  /** A dense covariance LLᵀ per latent block, ADVI's full-rank variant. */
  FULL
}
