/**
 * The {@code enumerate} estimator: the exact ELBO of small discrete LOCAL latents, a sum over every
 * configuration per data row, differentiated by the tape (Pyro's enumeration of discrete sites,
 * Obermeyer et al. 2019, in its simplest, per-row form). The ground truth for the Monte Carlo
 * estimators of discrete latents.
 */
package org.vi4j.estimators.enumerate;
