package org.vi4j.optimizers.sgd;

import java.util.Map;
import org.vi4j.optimizers.GradientOptimizer;
import org.vi4j.optimizers.schedule.ConstantRate;
import org.vi4j.optimizers.schedule.LearningRateSchedule;

/**
 * Stochastic gradient ascent (Robbins &amp; Monro 1951), optionally with heavy-ball momentum
 * (Polyak 1964) or Nesterov momentum in the form of Sutskever, Martens, Dahl &amp; Hinton 2013
 * ("On the importance of initialization and momentum in deep learning", ICML), with PyTorch's
 * {@code torch.optim.SGD} semantics (no dampening, no weight decay) and the sign flipped to ascend.
 *
 * <p>With g = +∇ELBO, η_t = lr · ρ_t and momentum μ:
 * <pre>
 * μ = 0:       x ← x + η_t g
 * μ &gt; 0:       b ← μ b + g          (b starts at 0, so b₁ = g as in PyTorch)
 *   heavy ball: x ← x + η_t b
 *   Nesterov:   x ← x + η_t (g + μ b)
 * </pre>
 *
 * <pre>{@code
 * Optimizer sgd = new Sgd(0.01, 0.9, true, new ConstantRate());   // Nesterov momentum 0.9
 * }</pre>
 *
 * <p>State: the momentum buffer b per element (none when μ = 0). See {@link GradientOptimizer}
 * for the step, non-finite gradients and the saved state.
 */
public final class Sgd extends GradientOptimizer {

  private final double momentum;
  private final boolean nesterov;

  /**
   * @param lr the learning rate, finite and &gt; 0
   * @param momentum μ in [0, 1)
   * @param nesterov Nesterov momentum; needs μ &gt; 0
   * @param schedule ρ_t, multiplies lr
   */
  public Sgd(double lr, double momentum, boolean nesterov, LearningRateSchedule schedule) {
    super(SgdProvider.NAME, lr, schedule);
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("sgd: momentum must be in [0, 1), got " + momentum);
    }
    if (nesterov && momentum == 0) {
      throw new IllegalArgumentException("sgd: nesterov=true needs momentum > 0, got momentum 0");
    }
    this.momentum = momentum;
    this.nesterov = nesterov;
  }

  /** Plain SGD with learning rate {@code lr}, no momentum, constant rate. */
  public Sgd(double lr) {
    this(lr, SgdProvider.MOMENTUM.defaultValue(), SgdProvider.NESTEROV.defaultValue(),
        new ConstantRate());
  }

  /** μ. */
  public double momentum() {
    return momentum;
  }

  /** True for Nesterov momentum. */
  public boolean nesterov() {
    return nesterov;
  }

  @Override
  protected int slotCount() {
    return momentum > 0 ? 1 : 0;
  }

  @Override
  protected void update(double[] x, double[] g, int n, double[][] s, double eta) {
    if (momentum == 0) {
      for (int i = 0; i < n; i++) {
        x[i] += eta * g[i];
      }
      return;
    }
    double[] b = s[0];
    double mu = momentum;
    if (nesterov) {
      for (int i = 0; i < n; i++) {
        b[i] = mu * b[i] + g[i];
        x[i] += eta * (g[i] + mu * b[i]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        b[i] = mu * b[i] + g[i];
        x[i] += eta * b[i];
      }
    }
  }

  @Override
  protected void describe(Map<String, String> out) {
    out.put("momentum", Double.toString(momentum));
    out.put("nesterov", Boolean.toString(nesterov));
  }

  @Override
  public Sgd copy() {
    return new Sgd(learningRate(), momentum, nesterov, schedule());
  }
}
