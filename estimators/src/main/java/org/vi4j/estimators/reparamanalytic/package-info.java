/**
 * The {@code reparam-analytic} estimator: pathwise gradients with the closed-form KL(q ‖ prior) or
 * entropy of each GLOBAL latent, and the closed-form KL of amortised LOCAL latents (the VAE), in
 * place of their Monte Carlo counterparts (Kingma &amp; Welling 2014,
 * "Auto-Encoding Variational Bayes", estimator B).
 */
package org.vi4j.estimators.reparamanalytic;
