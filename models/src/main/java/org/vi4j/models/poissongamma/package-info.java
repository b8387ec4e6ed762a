/**
 * The {@code poisson-gamma} model: each pixel of an 8x8 digit image is Poisson(θ_j), with
 * conjugate priors θ_j ~ Gamma(a_j, b); exact posterior, evidence and CAVI updates.
 *
 * <pre>{@code
 * PoissonGammaModel m = PoissonGammaModel.of(DigitsData.digit(0));   // the 178 zeros
 * Distribution post = m.posterior("rate");                          // Gamma(a + Σx, b + m)
 * }</pre>
 *
 * <p>{@link org.vi4j.models.poissongamma.DigitsData} loads the bundled UCI digits
 * ({@code digits.csv.gz}, CC BY 4.0, attribution in {@code NOTICE.md} next to it) or a user's
 * CSV; {@link org.vi4j.models.poissongamma.PoissonGammaModel} gives the model's math;
 * {@link org.vi4j.models.poissongamma.PoissonGammaProvider} exposes it as a plugin.
 */
package org.vi4j.models.poissongamma;
