/**
 * The {@code log-normal} guide: q(z) = Π_j LogNormal(z_j; μ_j, σ_j²) over POSITIVE GLOBAL latents,
 * {@link org.vi4j.guides.lognormal.LogNormalGuide} and its provider.
 */
package org.vi4j.guides.lognormal;
