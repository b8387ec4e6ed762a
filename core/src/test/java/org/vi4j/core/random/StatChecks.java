package org.vi4j.core.random;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.vi4j.core.math.SpecialFunctions;

/**
 * Goodness-of-fit helpers for the sampler tests.
 *
 * <ul>
 *   <li>Moments: the sample mean must lie within {@value #Z} standard errors of the true mean,
 *       SE = σ/√n, and the sample variance within {@value #Z} standard errors of σ², with
 *       SE(s²) = σ²·√((κ + 2)/n) from the excess kurtosis κ (the large-n variance of s² is
 *       (μ₄ − σ⁴)/n). At 5 SE a correct sampler fails with probability below 1e-6 per check,
 *       ignoring the non-normality of s² at heavy kurtosis; the seeds are fixed anyway, so the
 *       tests are deterministic.
 *   <li>Kolmogorov–Smirnov for continuous laws: √n·D must stay below {@value #KS_CRITICAL}, the
 *       0.999 quantile of the Kolmogorov distribution (1.9495; asymptotic, accurate for n in the
 *       thousands and up), i.e. a 0.1% false-alarm rate per test.
 *   <li>Pearson χ² for discrete laws: cells with expected count below 5 are pooled into their
 *       neighbours; the statistic must stay below the χ² quantile at p = 0.001 for
 *       df = cells − 1, computed here by bisection on Q(df/2, c/2) = 0.001 with
 *       {@link SpecialFunctions#regularizedGammaQ} (e.g. 10.83 for df 1, 16.27 for df 3).
 * </ul>
 */
final class StatChecks {

  /** Number of standard errors allowed for a moment. */
  static final double Z = 5;

  /** 0.999 quantile of the Kolmogorov distribution (sup of the Brownian bridge). */
  static final double KS_CRITICAL = 1.95;

  /** False-alarm probability of the χ² test. */
  static final double CHI2_ALPHA = 0.001;

  private StatChecks() {}

  /**
   * Checks mean and variance of {@code xs} against a law with the given mean, variance and excess
   * kurtosis.
   */
  static void assertMoments(String what, double[] xs, double mean, double variance,
      double excessKurtosis) {
    int n = xs.length;
    double m = 0;
    for (double x : xs) {
      m += x;
    }
    m /= n;
    double ss = 0;
    for (double x : xs) {
      ss += (x - m) * (x - m);
    }
    double s2 = ss / (n - 1);
    double seMean = Math.sqrt(variance / n);
    double seVar = variance * Math.sqrt((excessKurtosis + 2) / n);
    final double mf = m;
    assertTrue(Math.abs(m - mean) < Z * seMean, () -> what + ": mean " + mf + " vs " + mean
        + " (SE " + seMean + ", n " + n + ")");
    assertTrue(Math.abs(s2 - variance) < Z * seVar, () -> what + ": variance " + s2 + " vs "
        + variance + " (SE " + seVar + ", n " + n + ")");
  }

  /** Kolmogorov–Smirnov statistic √n·D of {@code xs} (sorted in place) against {@code cdf}. */
  static double ksStatistic(double[] xs, DoubleUnaryOperator cdf) {
    Arrays.sort(xs);
    int n = xs.length;
    double d = 0;
    for (int i = 0; i < n; i++) {
      double f = cdf.applyAsDouble(xs[i]);
      d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
    }
    return d * Math.sqrt(n);
  }

  /** Asserts the KS test passes; sorts {@code xs}. */
  static void assertKs(String what, double[] xs, DoubleUnaryOperator cdf) {
    double stat = ksStatistic(xs, cdf);
    assertTrue(stat < KS_CRITICAL, () -> what + ": KS sqrt(n)*D = " + stat + " >= "
        + KS_CRITICAL + " (n " + xs.length + ")");
  }

  /**
   * Pearson χ² of observed counts against expected probabilities; cells are pooled left to right
   * until the expected count reaches 5, and a leftover tail is merged into the last cell. Returns
   * {statistic, df} with df = cells − 1.
   */
  static double[] chiSquare(long[] counts, double[] probs, long n) {
    List<double[]> cells = new ArrayList<>(); // {expected, observed}
    double poolE = 0;
    double poolO = 0;
    for (int k = 0; k < probs.length; k++) {
      poolE += probs[k] * n;
      poolO += counts[k];
      if (poolE >= 5) {
        cells.add(new double[] {poolE, poolO});
        poolE = 0;
        poolO = 0;
      }
    }
    if ((poolE > 0 || poolO > 0) && !cells.isEmpty()) {
      double[] last = cells.get(cells.size() - 1);
      last[0] += poolE;
      last[1] += poolO;
    }
    double stat = 0;
    for (double[] c : cells) {
      stat += (c[1] - c[0]) * (c[1] - c[0]) / c[0];
    }
    return new double[] {stat, cells.size() - 1};
  }

  /** The χ² quantile c with P(χ²_df &gt; c) = alpha, by bisection. */
  static double chiSquareCritical(int df, double alpha) {
    double lo = 0;
    double hi = df + 20 * Math.sqrt(2.0 * df) + 50;
    for (int i = 0; i < 200; i++) {
      double mid = 0.5 * (lo + hi);
      if (SpecialFunctions.regularizedGammaQ(0.5 * df, 0.5 * mid) > alpha) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** Asserts the χ² test passes at p = {@value #CHI2_ALPHA}. */
  static void assertChiSquare(String what, long[] counts, double[] probs, long n) {
    double[] r = chiSquare(counts, probs, n);
    int df = (int) r[1];
    assertTrue(df >= 1, what + ": too few cells for a chi-square test");
    double critical = chiSquareCritical(df, CHI2_ALPHA);
    assertTrue(r[0] < critical, () -> what + ": chi-square " + r[0] + " >= " + critical
        + " (df " + df + ", n " + n + ")");
  }
}
