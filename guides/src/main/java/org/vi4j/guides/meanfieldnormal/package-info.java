/**
 * The {@code mean-field-normal} guide: q(z) = Π_j N(z_j; μ_j, σ_j²) over REAL GLOBAL latents,
 * {@link org.vi4j.guides.meanfieldnormal.MeanFieldNormal} and its provider.
 */
package org.vi4j.guides.meanfieldnormal;
