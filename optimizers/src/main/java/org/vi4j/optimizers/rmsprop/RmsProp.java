package org.vi4j.optimizers.rmsprop;

import java.util.Map;
import org.vi4j.optimizers.GradientOptimizer;
import org.vi4j.optimizers.schedule.ConstantRate;
import org.vi4j.optimizers.schedule.LearningRateSchedule;

/**
 * RMSprop (Tieleman &amp; Hinton 2012, COURSERA "Neural Networks for Machine Learning", lecture
 * 6.5), with the centered variant of Graves 2013 ("Generating Sequences With Recurrent Neural
 * Networks", eq. 38–45), following PyTorch's {@code torch.optim.RMSprop} exactly (no weight
 * decay), ascending.
 *
 * <p>With g = +∇ELBO, η_t = lr · ρ_t, decay α, momentum μ; v, a, b start at 0:
 * <pre>
 * v ← α v + (1 − α) g²
 * centered:  a ← α a + (1 − α) g;   d = √(max(v − a², 0)) + ε
 * otherwise:                         d = √v + ε
 * μ = 0:     x ← x + η_t g / d
 * μ &gt; 0:     b ← μ b + g / d;        x ← x + η_t b
 * </pre>
 * ε is added outside the square root, as in PyTorch (Keras/TensorFlow add it inside). The
 * {@code max(·, 0)} only guards against rounding: v − a² ≥ 0 holds in exact arithmetic.
 * Defaults (PyTorch): lr 0.01, α 0.99, ε 1e-8, μ 0, centered false.
 *
 * <p>State: v, and a (centered) and b (μ &gt; 0) per element. See {@link GradientOptimizer}.
 */
public final class RmsProp extends GradientOptimizer {

  private final double alpha;
  private final double eps;
  private final double momentum;
  private final boolean centered;

  /**
   * @param lr learning rate, finite and &gt; 0
   * @param alpha smoothing constant α in [0, 1)
   * @param eps ε, finite and &gt; 0
   * @param momentum μ in [0, 1)
   * @param centered divide by the estimated standard deviation instead of the root mean square
   * @param schedule ρ_t, multiplies lr
   */
  public RmsProp(double lr, double alpha, double eps, double momentum, boolean centered,
      LearningRateSchedule schedule) {
    super(RmsPropProvider.NAME, lr, schedule);
    if (!(alpha >= 0 && alpha < 1)) {
      throw new IllegalArgumentException("rmsprop: alpha must be in [0, 1), got " + alpha);
    }
    if (!(eps > 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("rmsprop: eps must be finite and > 0, got " + eps);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("rmsprop: momentum must be in [0, 1), got " + momentum);
    }
    this.alpha = alpha;
    this.eps = eps;
    this.momentum = momentum;
    this.centered = centered;
  }

  /** RMSprop with learning rate {@code lr} and the defaults otherwise, constant rate. */
  public RmsProp(double lr) {
    this(lr, RmsPropProvider.ALPHA.defaultValue(), RmsPropProvider.EPS.defaultValue(),
        RmsPropProvider.MOMENTUM.defaultValue(), RmsPropProvider.CENTERED.defaultValue(),
        new ConstantRate());
  }

  /** α. */
  public double alpha() {
    return alpha;
  }

  /** ε. */
  public double eps() {
    return eps;
  }

  /** μ. */
  public double momentum() {
    return momentum;
  }

  /** True for the centered variant. */
  public boolean centered() {
    return centered;
  }

  /** Slots: 0 = v, then a if centered, then b if μ &gt; 0. */
  @Override
  protected int slotCount() {
    return 1 + (centered ? 1 : 0) + (momentum > 0 ? 1 : 0);
  }

  @Override
  protected void update(double[] x, double[] g, int n, double[][] s, double eta) {
    double[] v = s[0];
    double[] a = centered ? s[1] : null;
    double[] b = momentum > 0 ? s[centered ? 2 : 1] : null;
    double al = alpha;
    double mu = momentum;
    for (int i = 0; i < n; i++) {
      double gi = g[i];
      v[i] = al * v[i] + (1 - al) * gi * gi;
      double d;
      if (a != null) {
        a[i] = al * a[i] + (1 - al) * gi;
        d = Math.sqrt(Math.max(v[i] - a[i] * a[i], 0.0)) + eps;
      } else {
        d = Math.sqrt(v[i]) + eps;
      }
      if (b != null) {
        b[i] = mu * b[i] + gi / d;
        x[i] += eta * b[i];
      } else {
        x[i] += eta * gi / d;
      }
    }
  }

  @Override
  protected void describe(Map<String, String> out) {
    out.put("alpha", Double.toString(alpha));
    out.put("eps", Double.toString(eps));
    out.put("momentum", Double.toString(momentum));
    out.put("centered", Boolean.toString(centered));
  }

  @Override
  public RmsProp copy() {
    return new RmsProp(learningRate(), alpha, eps, momentum, centered, schedule());
  }
}
