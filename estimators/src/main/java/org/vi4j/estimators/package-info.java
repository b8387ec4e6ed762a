/**
 * vi4j's gradient-estimator plugins: one package per estimator, each with its
 * {@link org.vi4j.core.plugin.EstimatorProvider} listed in
 * {@code META-INF/services/org.vi4j.core.plugin.EstimatorProvider}.
 *
 * <ul>
 *   <li>{@code reparam} ({@link org.vi4j.estimators.reparam}): pathwise gradients
 *       (Kingma &amp; Welling 2014; Rezende et al. 2014).
 *   <li>{@code reparam-analytic} ({@link org.vi4j.estimators.reparamanalytic}): pathwise with a
 *       closed-form KL(q ‖ prior) or entropy per GLOBAL latent (AEVB "estimator B").
 *   <li>{@code score-function} ({@link org.vi4j.estimators.scorefunction}): REINFORCE / black-box
 *       VI with a baseline: moving average, leave-one-out or NVIL (Williams 1992; Ranganath et
 *       al. 2014; Mnih &amp; Gregor 2014); per-row learning signals for amortised LOCAL latents.
 *   <li>{@code iwae} ({@link org.vi4j.estimators.iwae}): the importance-weighted bound (Burda et
 *       al. 2016).
 *   <li>{@code enumerate} ({@link org.vi4j.estimators.enumerate}): the exact ELBO of small discrete
 *       LOCAL latents, summed over every configuration per row.
 *   <li>{@code gumbel-softmax} ({@link org.vi4j.estimators.gumbelsoftmax}): the (biased) Concrete
 *       relaxation of binary latents, optionally straight-through.
 *   <li>{@code closed-form} ({@link org.vi4j.estimators.closedform}): the model's closed-form ELBO
 *       ({@link org.vi4j.core.spi.ClosedFormElbo}), no gradient, for coordinate-ascent optimizers.
 * </ul>
 *
 * <p>Every estimator keeps one {@link org.vi4j.core.autodiff.Tape} per instance and resets it on
 * each call, so the steady state reuses its buffers; an instance therefore serves one fit at a time.
 */
package org.vi4j.estimators;
