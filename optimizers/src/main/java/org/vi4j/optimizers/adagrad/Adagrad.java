package org.vi4j.optimizers.adagrad;

import java.util.Arrays;
import java.util.Map;
import org.vi4j.optimizers.GradientOptimizer;
import org.vi4j.optimizers.schedule.ConstantRate;
import org.vi4j.optimizers.schedule.LearningRateSchedule;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer 2011, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization", JMLR 12), diagonal version, with PyTorch's {@code torch.optim.Adagrad}
 * semantics (no lr decay, no weight decay), ascending.
 *
 * <p>With g = +∇ELBO and η_t = lr · ρ_t:
 * <pre>
 * s ← s + g²                      (s starts at the initial accumulator value s₀ ≥ 0)
 * x ← x + η_t g / (√s + ε)
 * </pre>
 * Defaults: lr 0.01, ε 1e-10, s₀ 0.
 *
 * <p>State: the accumulator s per element. See {@link GradientOptimizer}.
 */
public final class Adagrad extends GradientOptimizer {

  private final double eps;
  private final double initialAccumulator;

  /**
   * @param lr learning rate, finite and &gt; 0
   * @param eps ε, finite and &gt; 0
   * @param initialAccumulator s₀, finite and ≥ 0
   * @param schedule ρ_t, multiplies lr
   */
  public Adagrad(double lr, double eps, double initialAccumulator, LearningRateSchedule schedule) {
    super(AdagradProvider.NAME, lr, schedule);
    if (!(eps > 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("adagrad: eps must be finite and > 0, got " + eps);
    }
    if (!(initialAccumulator >= 0) || Double.isInfinite(initialAccumulator)) {
      throw new IllegalArgumentException("adagrad: initial accumulator must be finite and >= 0, got "
          + initialAccumulator);
    }
    this.eps = eps;
    this.initialAccumulator = initialAccumulator;
  }

  /** AdaGrad with learning rate {@code lr} and the defaults otherwise, constant rate. */
  public Adagrad(double lr) {
    this(lr, AdagradProvider.EPS.defaultValue(), AdagradProvider.INITIAL_ACCUMULATOR.defaultValue(),
        new ConstantRate());
  }

  /** ε. */
  public double eps() {
    return eps;
  }

  /** s₀. */
  public double initialAccumulator() {
    return initialAccumulator;
  }

  @Override
  protected int slotCount() {
    return 1;
  }

  @Override
  protected void initSlots(double[][] s) {
    Arrays.fill(s[0], initialAccumulator);
  }

  @Override
  protected void update(double[] x, double[] g, int n, double[][] s, double eta) {
    double[] acc = s[0];
    for (int i = 0; i < n; i++) {
      double gi = g[i];
      acc[i] += gi * gi;
      x[i] += eta * gi / (Math.sqrt(acc[i]) + eps);
    }
  }

  @Override
  protected void describe(Map<String, String> out) {
    out.put("eps", Double.toString(eps));
    out.put("initial-accumulator", Double.toString(initialAccumulator));
  }

  @Override
  public Adagrad copy() {
    return new Adagrad(learningRate(), eps, initialAccumulator, schedule());
  }
}
