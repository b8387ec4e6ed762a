/**
 * The {@code reparam} estimator: pathwise (reparameterisation) gradients of the ELBO
 * (Kingma &amp; Welling 2014, "Auto-Encoding Variational Bayes", estimator A; Rezende, Mohamed &amp;
 * Wierstra 2014; Titsias &amp; Lázaro-Gredilla 2014).
 */
package org.vi4j.estimators.reparam;
