package org.vi4j.core.spi;

import java.util.List;
import org.vi4j.core.random.Rng;

/**
 * Estimates the ELBO and its gradient with respect to θ (the model's parameters) and φ (the
 * guide's), in one pass.
 *
 * <pre>{@code
 * problem.zeroGrad();                                          // the caller zeroes first
 * ElboEstimate e = estimator.estimate(model, guide, batch, rng);
 * for (Param p : problem.parameters()) {                       // gradient ASCENT
 *   CommonOps_DDRM.addEquals(p.value(), lr, p.grad());
 * }
 * }</pre>
 *
 * <p><strong>Gradient convention: the estimator adds +∇ELBO</strong> (the ascent direction, not the
 * gradient of a loss) into the {@code grad()} of every {@link org.vi4j.core.autodiff.Param} of
 * {@code model.parameters()} and {@code q.parameters()}. It <em>accumulates</em> (+=, as
 * {@link org.vi4j.core.autodiff.Tape#backward} does); whoever calls it zeroes the gradients
 * first. It does not change parameter values. The returned estimate is computed from the same
 * particles as the gradient. Randomness comes only from {@code rng}.
 *
 * <p>An estimator owns its tape (buffers are reused between calls) and any baseline state, so an
 * instance serves one fit at a time.
 */
public interface GradientEstimator {

  /**
   * Writes ∇θ ELBO and ∇φ ELBO into the parameters' gradients and returns the ELBO estimate.
   *
   * @param m the model; its parameters' gradients are modified
   * @param q the guide; its parameters' gradients are modified
   * @param batch the data rows. Not modified.
   * @param rng the source of randomness. Modified (advanced).
   */
  ElboEstimate estimate(Model m, VariationalFamily q, Batch batch, Rng rng);

  /**
   * Why this estimator cannot work with this model and guide, one message per problem, each
   * naming the parts and what would work instead (e.g. "pathwise gradients need a
   * reparameterizable guide, 'bernoulli' is not; use the 'score' estimator"). Empty if it can.
   * Called before the first step.
   */
  default List<String> check(Model m, VariationalFamily q) {
    return List.of();
  }
}
