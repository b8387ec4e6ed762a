/**
 * The {@code full-rank-normal} guide: q(z) = N(z; μ, LLᵀ) per REAL GLOBAL latent block,
 * {@link org.vi4j.guides.fullranknormal.FullRankNormal} and its provider.
 */
package org.vi4j.guides.fullranknormal;
