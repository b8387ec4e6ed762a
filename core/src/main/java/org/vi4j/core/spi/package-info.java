/**
 * The service-provider interfaces of vi4j: the four parts of a fit and the values they exchange.
 *
 * <pre>{@code
 * Model model = ...;                       // p(x, z; θ)      — latents(), parameters(), logJoint(z, batch)
 * VariationalFamily guide = ...;           // q(z; φ)         — draw(batch, rng, particles) → Draw(z, logQ)
 * GradientEstimator estimator = ...;       // ELBO and +∇ELBO into θ and φ
 * Optimizer optimizer = ...;               // one update per step(problem, rng)
 *
 * Problem problem = Problem.start(model, guide, estimator, Batch.full(data));
 * StepReport report = optimizer.step(problem, Rng.seeded(42));
 * }</pre>
 *
 * <h2>Conventions every implementation relies on</h2>
 * <ul>
 *   <li><strong>Particles are rows.</strong> A GLOBAL latent of size d is {@code particles x d};
 *       a LOCAL one is {@code (particles·B) x d}, particle-major (row {@code p·B + i}); see
 *       {@link org.vi4j.core.spi.Latents}. Log densities are {@code particles x 1}.
 *   <li><strong>Minibatch scaling.</strong> Terms over data rows (likelihoods, LOCAL priors and
 *       LOCAL log q) are multiplied by {@link org.vi4j.core.spi.Batch#scale()} = N/B inside
 *       {@code logJoint} and {@code draw}, never by the estimator.
 *   <li><strong>Ascent.</strong> Estimators add +∇ELBO into the parameters' gradients (after the
 *       caller zeroed them); gradient optimizers step along it.
 *   <li><strong>Capabilities</strong> ({@link org.vi4j.core.spi.ConjugateUpdates},
 *       {@link org.vi4j.core.spi.ConditionallyConjugate}, {@link org.vi4j.core.spi.ClosedFormElbo},
 *       {@link org.vi4j.core.spi.ExactPosterior}, {@link org.vi4j.core.spi.ExactEvidence},
 *       {@link org.vi4j.core.spi.PriorSpec}, {@link org.vi4j.core.spi.Generative},
 *       {@link org.vi4j.core.spi.Predictive}; for guides {@link org.vi4j.core.spi.ConjugateFactors})
 *       are optional interfaces, asked for with {@code as(Class)}.
 *   <li><strong>Refuse early.</strong> {@code GradientEstimator.check} and {@code Optimizer.check}
 *       report incompatible combinations before the first step; a guide must cover every
 *       latent's {@link org.vi4j.core.distributions.Support}.
 * </ul>
 *
 * <p>Plugins that provide these parts by name live in {@link org.vi4j.core.plugin}.
 */
package org.vi4j.core.spi;
