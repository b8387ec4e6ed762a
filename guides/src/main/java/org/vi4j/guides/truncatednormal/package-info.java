/**
 * The {@code truncated-normal} guide: q(z) = Π_j N(z_j; μ_j, σ_j²) truncated to [ℓ, ∞), ℓ ≥ 0,
 * over POSITIVE GLOBAL latents; {@link org.vi4j.guides.truncatednormal.TruncatedNormalGuide} and
 * its provider.
 */
package org.vi4j.guides.truncatednormal;
