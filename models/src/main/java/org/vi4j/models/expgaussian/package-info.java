/**
 * The {@code exp-gaussian} model: z ~ Exponential(λ), x_i ~ N(z, σ²), with a truncated-normal
 * posterior and a closed-form evidence to check every estimator against.
 *
 * <pre>{@code
 * ExpGaussianModel m = ExpGaussianModel.of(1.5);   // λ = 1, σ = 1, one observation
 * m.logEvidence();                                  // log(e^{1/2 − 1.5} Φ(0.5)) = −1.368946…
 * }</pre>
 *
 * <p>{@link org.vi4j.models.expgaussian.ExpGaussianModel} gives the derivation;
 * {@link org.vi4j.models.expgaussian.ExpGaussianProvider} exposes it as a plugin.
 */
package org.vi4j.models.expgaussian;
