package org.vi4j.optimizers.clippedadam;

import java.util.Map;
import org.vi4j.optimizers.GradientOptimizer;
import org.vi4j.optimizers.adam.Adam;
import org.vi4j.optimizers.adam.AdamProvider;
import org.vi4j.optimizers.schedule.ConstantRate;
import org.vi4j.optimizers.schedule.LearningRateSchedule;

/**
 * Adam with element-wise gradient clipping and a per-update learning-rate decay: Pyro's
 * {@code pyro.optim.ClippedAdam} (Bingham et al. 2019, "Pyro: Deep Universal Probabilistic
 * Programming", JMLR 20), built on Adam (Kingma &amp; Ba 2015), ascending.
 *
 * <p>With g = +∇ELBO, clip norm c, decay factor r (Pyro's {@code lrd}), η_t = lr · ρ_t and
 * k = t + 1 the 1-based update number:
 * <pre>
 * ĝ = clamp(g, −c, c)                 element-wise, as Pyro's grad.clamp_(−c, c) (not a norm clip)
 * m ← β₁ m + (1 − β₁) ĝ
 * v ← β₂ v + (1 − β₂) ĝ²
 * x ← x + η_t r^k · (√(1 − β₂^k) / (1 − β₁^k)) · m / (√v + ε)
 * </pre>
 * Differences from {@link Adam}, all Pyro's: ε is added to √v, not to the bias-corrected √v̂
 * (Kingma &amp; Ba's "ε̂" form, section 2); the step size is multiplied by r before every update,
 * so the first update already uses lr · r (Pyro does {@code lr *= lrd} in place, here r^k is
 * computed with {@link Math#pow}, equal up to rounding). Unlike Pyro, the gradients themselves are
 * not modified (the clamp is applied on the fly), and {@code StepReport.gradientNorm} is the norm
 * <em>before</em> clipping. Defaults (Pyro): lr 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-8, c 10, r 1.
 *
 * <p>State: m and v per element, and the update count. See {@link GradientOptimizer}.
 */
public final class ClippedAdam extends GradientOptimizer {

  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double clipNorm;
  private final double lrd;
  /** Per-update factor r^k √(1 − β₂^k) / (1 − β₁^k), set by {@link #beginUpdate}. */
  private double factor;

  /**
   * @param lr learning rate, finite and &gt; 0
   * @param beta1 β₁ in [0, 1)
   * @param beta2 β₂ in [0, 1)
   * @param eps ε, finite and &gt; 0
   * @param clipNorm c: each gradient element is clamped to [−c, c]; &gt; 0 (may be +∞: no clipping)
   * @param lrd r: the learning rate is multiplied by r before each update; in (0, 1]
   * @param schedule ρ_t, multiplies lr (on top of r^k)
   */
  public ClippedAdam(double lr, double beta1, double beta2, double eps, double clipNorm,
      double lrd, LearningRateSchedule schedule) {
    super(ClippedAdamProvider.NAME, lr, schedule);
    Adam.checkMoments(ClippedAdamProvider.NAME, beta1, beta2, eps);
    if (!(clipNorm > 0)) {
      throw new IllegalArgumentException("clipped-adam: clip-norm must be > 0, got " + clipNorm);
    }
    if (!(lrd > 0 && lrd <= 1)) {
      throw new IllegalArgumentException("clipped-adam: lrd must be in (0, 1], got " + lrd);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.clipNorm = clipNorm;
    this.lrd = lrd;
  }

  /** Clipped Adam with learning rate {@code lr} and Pyro's defaults otherwise, constant rate. */
  public ClippedAdam(double lr) {
    this(lr, AdamProvider.BETA1.defaultValue(), AdamProvider.BETA2.defaultValue(),
        AdamProvider.EPS.defaultValue(), ClippedAdamProvider.CLIP_NORM.defaultValue(),
        ClippedAdamProvider.LRD.defaultValue(), new ConstantRate());
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

  /** c, the element-wise clamp bound. */
  public double clipNorm() {
    return clipNorm;
  }

  /** r, the learning-rate decay factor per update. */
  public double lrd() {
    return lrd;
  }

  @Override
  protected int slotCount() {
    return 2;
  }

  @Override
  protected void beginUpdate(long k) {
    factor = Math.pow(lrd, k) * Math.sqrt(1 - Math.pow(beta2, k)) / (1 - Math.pow(beta1, k));
  }

  @Override
  protected void update(double[] x, double[] g, int n, double[][] s, double eta) {
    double[] m = s[0];
    double[] v = s[1];
    double b1 = beta1;
    double b2 = beta2;
    double c = clipNorm;
    double stepSize = eta * factor;
    for (int i = 0; i < n; i++) {
      double gi = Math.max(-c, Math.min(c, g[i]));
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      x[i] += stepSize * m[i] / (Math.sqrt(v[i]) + eps);
    }
  }

  @Override
  protected void describe(Map<String, String> out) {
    out.put("beta1", Double.toString(beta1));
    out.put("beta2", Double.toString(beta2));
    out.put("eps", Double.toString(eps));
    out.put("clip-norm", Double.toString(clipNorm));
    out.put("lrd", Double.toString(lrd));
  }

  @Override
  public ClippedAdam copy() {
    return new ClippedAdam(learningRate(), beta1, beta2, eps, clipNorm, lrd, schedule());
  }
}
