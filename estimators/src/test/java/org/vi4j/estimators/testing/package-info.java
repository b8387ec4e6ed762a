/**
 * Test fixtures shared by the estimator tests: a Normal–Normal model whose ELBO and its gradient
 * are known in closed form, mean-field Normal guides (reparameterizable or not), wrappers that hide
 * capabilities, and a Monte Carlo summary with standard errors.
 */
package org.vi4j.estimators.testing;
