/**
 * Probability distributions over autodiff tensors (log densities and pathwise draws differentiable
 * in their parameters) and the registry of closed-form KL divergences. Start with
 * {@link org.vi4j.core.distributions.Distribution}.
 */
package org.vi4j.core.distributions;
