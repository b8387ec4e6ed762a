package org.vi4j.core.spi;

import java.util.List;
import org.vi4j.core.random.Rng;

/**
 * One update of θ and φ per call: a gradient step (SGD, Adam, …) or a coordinate step (CAVI, EM).
 *
 * <pre>{@code
 * // a gradient optimizer's step, in outline
 * public StepReport step(Problem problem, Rng rng) {
 *   problem.zeroGrad();
 *   ElboEstimate elbo = problem.estimator().estimate(problem.model(), problem.family(),
 *       problem.batch(), rng);
 *   double norm = 0;
 *   for (Param p : problem.parameters()) { ... norm, then p.value() += lr(step) · update(p.grad()) }
 *   return new StepReport(problem.step(), elbo, Math.sqrt(norm));
 * }
 * // a coordinate step asks for capabilities instead
 * ConjugateUpdates cu = problem.model().as(ConjugateUpdates.class).orElseThrow();
 * ConjugateFactors qf = problem.family().as(ConjugateFactors.class).orElseThrow();
 * }</pre>
 *
 * <p><strong>Lifecycle: configure → step* → reset.</strong> A new optimizer holds only its
 * configuration. Its state (moments, accumulators, step counts) is created lazily on the first
 * {@link #step}, from the parameters of that problem, and then belongs to those parameters: giving
 * it a problem with other parameters is an {@link IllegalStateException} until {@link #reset()}.
 * {@link #reset()} forgets the state; {@link #copy()} returns an optimizer with the same
 * configuration and no state (for restarts and parallel fits). Gradient optimizers
 * <strong>ascend</strong> the ELBO: {@link GradientEstimator} writes +∇ELBO.
 *
 * <p>Not thread-safe.
 */
public interface Optimizer {

  /**
   * Performs one update of the problem's parameters and reports the ELBO estimate it used.
   *
   * @param problem the parts and the batch; parameter values and gradients are modified
   * @param rng randomness for the estimator. Modified (advanced).
   */
  StepReport step(Problem problem, Rng rng);

  /** Forgets all state; the next {@link #step} starts afresh. */
  void reset();

  /** A new optimizer with this one's configuration and no state. */
  Optimizer copy();

  /**
   * Why this optimizer cannot work with this model and guide (e.g. CAVI needs a model with
   * {@link ConjugateUpdates} and a guide with {@link ConjugateFactors}), one message per problem,
   * naming what would work instead. Empty if it can. Called before the first step.
   */
  default List<String> check(Model m, VariationalFamily q) {
    return List.of();
  }
}
