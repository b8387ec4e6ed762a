/**
 * The {@code reparam-analytic} estimator: pathwise gradients with the closed-form KL(q ‖ prior) or
 * entropy of each GLOBAL latent in place of its Monte Carlo counterpart (Kingma &amp; Welling 2014,
 * "Auto-Encoding Variational Bayes", estimator B).
 */
package org.vi4j.estimators.reparamanalytic;
