/**
 * The {@code gamma} guide: q(z) = Π_j Gamma(z_j; α_j, β_j) over POSITIVE GLOBAL latents, with
 * implicit-reparameterisation draws and natural parameters for coordinate ascent;
 * {@link org.vi4j.guides.gamma.GammaGuide} and its provider.
 */
package org.vi4j.guides.gamma;
