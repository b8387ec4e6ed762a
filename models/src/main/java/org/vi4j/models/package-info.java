/**
 * vi4j's model plugins, one package per model, each with its provider.
 *
 * <ul>
 *   <li>{@link org.vi4j.models.expgaussian} — {@code exp-gaussian}: z ~ Exponential(λ),
 *       x_i ~ N(z, σ²); exact evidence and truncated-normal posterior.
 *   <li>{@link org.vi4j.models.poissongamma} — {@code poisson-gamma}: digit pixels ~ Poisson(θ),
 *       θ ~ Gamma(a, b); exact conjugate posterior, evidence and CAVI updates.
 * </ul>
 *
 * <p>Providers are listed in {@code META-INF/services/org.vi4j.core.plugin.ModelProvider}.
 */
package org.vi4j.models;
