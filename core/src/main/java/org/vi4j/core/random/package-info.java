/**
 * Seeded, splittable random numbers and the samplers vi4j's distributions draw from.
 *
 * <p>{@link org.vi4j.core.random.Rng} is the source of randomness ({@code Rng.seeded(seed)}, backed
 * by Commons RNG's LXM generator); {@link org.vi4j.core.random.Samplers} holds exact samplers for
 * normal, exponential, gamma, beta, Dirichlet, Poisson, Bernoulli, categorical and Laplace
 * variates, which allocate nothing per draw (except Poisson). Nothing here has static mutable
 * state: pass an {@code Rng} in and {@link org.vi4j.core.random.Rng#split()} it per thread.
 */
package org.vi4j.core.random;
