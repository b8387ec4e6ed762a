package org.vi4j.optimizers.adam;

import java.util.Map;
import org.vi4j.optimizers.GradientOptimizer;
import org.vi4j.optimizers.schedule.ConstantRate;
import org.vi4j.optimizers.schedule.LearningRateSchedule;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization", ICLR), Algorithm 1
 * with bias correction, ascending. PyTorch's {@code torch.optim.Adam} (no weight decay, no AMSGrad)
 * computes the same thing in the same order, so results agree with it to rounding.
 *
 * <p>With g = +∇ELBO, η_t = lr · ρ_t and k = t + 1 the 1-based update number:
 * <pre>
 * m ← β₁ m + (1 − β₁) g
 * v ← β₂ v + (1 − β₂) g²
 * x ← x + (η_t / (1 − β₁^k)) · m / (√v / √(1 − β₂^k) + ε)     (= η_t m̂ / (√v̂ + ε))
 * </pre>
 * m and v start at 0. Defaults (Kingma &amp; Ba): lr 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-8.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(0.2);                       // defaults for the rest
 * }</pre>
 *
 * <p>State: m and v per element, and the update count. See {@link GradientOptimizer}.
 */
public final class Adam extends GradientOptimizer {

  private final double beta1;
  private final double beta2;
  private final double eps;
  /** Per-update scalars set by {@link #beginUpdate}: 1 − β₁^k and √(1 − β₂^k). */
  private double bc1;
  private double sqrtBc2;

  /**
   * @param lr learning rate, finite and &gt; 0
   * @param beta1 β₁ in [0, 1)
   * @param beta2 β₂ in [0, 1)
   * @param eps ε, finite and &gt; 0
   * @param schedule ρ_t, multiplies lr
   */
  public Adam(double lr, double beta1, double beta2, double eps, LearningRateSchedule schedule) {
    super(AdamProvider.NAME, lr, schedule);
    checkMoments(AdamProvider.NAME, beta1, beta2, eps);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
  }

  /** Adam with learning rate {@code lr} and the paper's defaults otherwise, constant rate. */
  public Adam(double lr) {
    this(lr, AdamProvider.BETA1.defaultValue(), AdamProvider.BETA2.defaultValue(),
        AdamProvider.EPS.defaultValue(), new ConstantRate());
  }

  /**
   * Checks β₁, β₂ ∈ [0, 1) and ε finite &gt; 0, naming {@code who} (shared with clipped Adam).
   */
  public static void checkMoments(String who, double beta1, double beta2, double eps) {
    if (!(beta1 >= 0 && beta1 < 1)) {
      throw new IllegalArgumentException(who + ": beta1 must be in [0, 1), got " + beta1);
    }
    if (!(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(who + ": beta2 must be in [0, 1), got " + beta2);
    }
    if (!(eps > 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException(who + ": eps must be finite and > 0, got " + eps);
    }
  }

  /** β₁. */
  public double beta1() {
    return beta1;
  }

  /** β₂. */
  public double beta2() {
    return beta2;
  }

  /** ε. */
  public double eps() {
    return eps;
  }

  @Override
  protected int slotCount() {
    return 2;
  }

  @Override
  protected void beginUpdate(long k) {
    bc1 = 1 - Math.pow(beta1, k);
    sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, k));
  }

  @Override
  protected void update(double[] x, double[] g, int n, double[][] s, double eta) {
    double[] m = s[0];
    double[] v = s[1];
    double b1 = beta1;
    double b2 = beta2;
    double stepSize = eta / bc1;
    for (int i = 0; i < n; i++) {
      double gi = g[i];
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      x[i] += stepSize * m[i] / (Math.sqrt(v[i]) / sqrtBc2 + eps);
    }
  }

  @Override
  protected void describe(Map<String, String> out) {
    out.put("beta1", Double.toString(beta1));
    out.put("beta2", Double.toString(beta2));
    out.put("eps", Double.toString(eps));
  }

  @Override
  public Adam copy() {
    return new Adam(learningRate(), beta1, beta2, eps, schedule());
  }
}
