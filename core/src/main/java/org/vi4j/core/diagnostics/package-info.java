/**
 * How good is a fit: Pareto k̂ of the importance ratios ({@link
 * org.vi4j.core.diagnostics.ParetoSmoothing}) and the ELBO evaluated with many particles.
 */
package org.vi4j.core.diagnostics;
