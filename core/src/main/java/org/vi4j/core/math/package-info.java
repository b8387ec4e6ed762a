/**
 * Special functions on plain doubles: {@link org.vi4j.core.math.SpecialFunctions} (log-gamma,
 * digamma, trigamma, softplus and log-sum-exp, erf/erfc, the normal CDF Φ, log Φ and Φ⁻¹, and the
 * regularised incomplete gamma and beta functions).
 *
 * <p>Functions follow {@link java.lang.Math}'s habit: no exceptions for values, NaN outside the
 * domain, ±∞ at poles. Accuracy targets a relative error below 1e-12 against high-precision
 * references; each method documents its method and any range where that is not reached.
 *
 * <p>{@link org.vi4j.core.math.Matching}: cosine similarity and the maximum-score one-to-one
 * assignment (Hungarian algorithm) that topic and factor recovery figures use.
 */
package org.vi4j.core.math;
