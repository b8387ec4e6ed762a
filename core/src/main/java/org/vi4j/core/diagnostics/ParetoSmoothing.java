package org.vi4j.core.diagnostics;

import java.util.Arrays;

/**
 * The Pareto k̂ diagnostic of importance ratios r = p(x, z)/q(z) over draws from q (Pareto
 * smoothed importance sampling: Vehtari, Simpson, Gelman, Yao and Gabry, "Pareto Smoothed
 * Importance Sampling", JMLR 2024; for variational inference, Yao, Vehtari, Simpson and Gelman,
 * "Yes, but Did It Work?: Evaluating Variational Inference", ICML 2018).
 *
 * <p>A generalized Pareto distribution is fitted to the M = ⌈min(0.2 S, 3√S)⌉ largest ratios over
 * the next largest one (Zhang and Stephens 2009, with the weakly informative prior of Vehtari et
 * al. that shrinks k̂ towards 0.5 with weight 10 draws); k̂ is its shape. Reading: k̂ &lt; 0.5 the
 * importance ratios have finite variance and q is close to the posterior; 0.5 ≤ k̂ &lt; 0.7 usable;
 * k̂ ≥ 0.7 the ratios are too heavy-tailed: q misses posterior mass and estimates from it are
 * unreliable.
 *
 * <pre>{@code
 * ParetoSmoothing.Result r = ParetoSmoothing.fit(logWeights);   // log p(x,z) − log q(z) per draw
 * if (r.kHat() >= 0.7) log.warn("q is unreliable: {}", r);
 * }</pre>
 */
public final class ParetoSmoothing {

  /** Below this, "good". */
  public static final double GOOD = 0.5;
  /** Below this (and at least {@link #GOOD}), "ok"; above, "unreliable". */
  public static final double USABLE = 0.7;

  private ParetoSmoothing() {}

  /**
   * The diagnostic's outcome.
   *
   * @param kHat the fitted Pareto shape (+∞ when the tail is too short to fit, NaN for non-finite
   *     weights, 0 when the largest ratios are all equal — q matches p up to a constant)
   * @param tailLength the number of largest ratios the fit used
   * @param draws the number of log weights
   */
  public record Result(double kHat, int tailLength, int draws) {

    /** "good", "ok" or "unreliable", as Vehtari et al. read k̂. */
    public String reading() {
      if (kHat < GOOD) {
        return "good";
      }
      return kHat < USABLE ? "ok" : "unreliable";
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "k̂ = %.3f (%s, tail %d of %d draws)", kHat,
          reading(), tailLength, draws);
    }
  }

  /**
   * Fits k̂ to the log importance weights.
   *
   * @param logWeights log p(x, z_s) − log q(z_s) for draws z_s ~ q; at least 5 are needed. Not
   *     modified.
   */
  public static Result fit(double[] logWeights) {
    int s = logWeights.length;
    if (s < 5) {
      throw new IllegalArgumentException("ParetoSmoothing: needs at least 5 draws, got " + s);
    }
    double[] lw = logWeights.clone();
    double max = Double.NEGATIVE_INFINITY;
    for (double v : lw) {
      if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
        return new Result(Double.NaN, 0, s);
      }
      max = Math.max(max, v);
    }
    for (int i = 0; i < s; i++) {
      lw[i] -= max;
    }
    Arrays.sort(lw);
    int tail = (int) Math.ceil(Math.min(0.2 * s, 3 * Math.sqrt(s)));
    double cutoff = Math.max(lw[s - tail - 1], Math.log(Double.MIN_NORMAL));
    if (lw[s - 1] <= cutoff) {
      return new Result(0.0, 0, s); // the largest ratios are all equal: q = p up to a constant
    }
    double expCutoff = Math.exp(cutoff);
    int first = s;
    while (first > 0 && lw[first - 1] > cutoff) {
      first--;
    }
    int m = s - first;
    if (m <= 4) {
      return new Result(Double.POSITIVE_INFINITY, m, s);
    }
    double[] x = new double[m];
    for (int i = 0; i < m; i++) {
      x[i] = Math.exp(lw[first + i]) - expCutoff;
    }
    return new Result(gpdShape(x), m, s);
  }

  /**
   * The shape of a generalized Pareto distribution fitted to sorted positive exceedances by Zhang
   * and Stephens (2009), with the prior of Vehtari et al. (k shrunk towards 0.5 by 10 pseudo-draws).
   */
  static double gpdShape(double[] x) {
    int n = x.length;
    int mEst = 30 + (int) Math.sqrt(n);
    double[] b = new double[mEst];
    double quartile = x[(int) (n / 4.0 + 0.5) - 1];
    for (int j = 0; j < mEst; j++) {
      b[j] = 1 - Math.sqrt(mEst / (j + 1 - 0.5));
      b[j] /= 3 * quartile;
      b[j] += 1 / x[n - 1];
    }
    double[] len = new double[mEst];
    for (int j = 0; j < mEst; j++) {
      double k = 0;
      for (double xi : x) {
        k += Math.log1p(-b[j] * xi);
      }
      k /= n;
      len[j] = n * (Math.log(-(b[j] / k)) - k - 1);
    }
    double[] w = new double[mEst];
    double wsum = 0;
    for (int j = 0; j < mEst; j++) {
      double s = 0;
      for (int l = 0; l < mEst; l++) {
        s += Math.exp(len[l] - len[j]);
      }
      w[j] = 1 / s;
    }
    double bPost = 0;
    for (int j = 0; j < mEst; j++) {
      if (w[j] >= 10 * Math.ulp(1.0)) {
        wsum += w[j];
      } else {
        w[j] = 0;
      }
    }
    for (int j = 0; j < mEst; j++) {
      bPost += b[j] * w[j] / wsum;
    }
    double k = 0;
    for (double xi : x) {
      k += Math.log1p(-bPost * xi);
    }
    k /= n;
    return (n * k + 10 * 0.5) / (n + 10);
  }
}
