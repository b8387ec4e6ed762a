package org.vi4j.optimizers.schedule;

import java.util.Map;

/**
 * A step-size multiplier ρ_t for gradient optimizers: the update at 0-based update index t uses
 * the step size {@code lr · rate(t)}.
 *
 * <pre>{@code
 * LearningRateSchedule s = new RobbinsMonro(1.0, 0.7);   // ρ_t = (t + 1)^-0.7
 * Optimizer adam = new Adam(0.1, 0.9, 0.999, 1e-8, s);    // step size 0.1 · ρ_t
 * }</pre>
 *
 * <p><strong>t counts updates</strong> the optimizer has applied since its state was created (0
 * for the first update), not {@link org.vi4j.core.spi.Problem#step()}: a step skipped because its
 * gradient was not finite does not advance it, and the count is part of the optimizer's saved
 * state. The learning rate {@code lr} always multiplies ρ_t; for a pure Robbins–Monro step size
 * set {@code lr = 1}.
 *
 * <p>Implementations are immutable records, validated on construction; {@link #rate} does not
 * allocate.
 */
public sealed interface LearningRateSchedule permits ConstantRate, ExponentialDecay, RobbinsMonro {

  /**
   * The multiplier ρ_t of the learning rate for update {@code t}.
   *
   * @param t the 0-based update index, &ge; 0
   * @return ρ_t, finite and &ge; 0
   */
  double rate(long t);

  /** The option value that selects this schedule, e.g. {@code "robbins-monro"}. */
  String name();

  /**
   * The schedule's settings as exact strings (doubles by {@link Double#toString}, which round
   * trips), in a fixed order, starting with {@code schedule}; used to check that a saved
   * optimizer state matches its configuration.
   */
  Map<String, String> settings();
}
