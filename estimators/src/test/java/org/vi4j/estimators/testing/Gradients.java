package org.vi4j.estimators.testing;

import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.GradientEstimator;

/**
 * Runs an estimator many times on {@link NormalNormalModel} and {@link MeanFieldNormalGuide} and
 * summarises the gradient and ELBO samples.
 *
 * <p><strong>Standard errors.</strong> For K independent calls (each with its own
 * {@link Rng#split()} stream; the moving-average baseline's state carries over, which keeps the
 * calls unbiased and, for the baseline, only weakly dependent), the Monte Carlo standard error of
 * the mean of a component is the sample standard deviation over the K calls divided by √K. A test
 * accepts the mean within 4 standard errors of the exact value (two-sided probability of a false
 * failure per comparison ≈ 6·10⁻⁵ under the CLT; with fixed seeds a pass is reproducible).
 *
 * @param gradients K x (3d) gradient samples: loc, log-scale, prior-loc
 * @param values K reported ELBO values
 */
public record Gradients(double[][] gradients, double[] values) {

  /** K calls of {@code estimator}, the gradients zeroed before each, streams split from {@code seed}. */
  public static Gradients sample(GradientEstimator estimator, NormalNormalModel model,
      MeanFieldNormalGuide guide, org.vi4j.core.spi.VariationalFamily asGuide, int k, long seed) {
    Rng master = Rng.seeded(seed);
    Batch batch = Batch.full(model.dataTensor());
    double[][] g = new double[k][];
    double[] v = new double[k];
    for (int i = 0; i < k; i++) {
      model.parameters().zeroGrad();
      guide.parameters().zeroGrad();
      ElboEstimate e = estimator.estimate(model, asGuide, batch, master.split());
      v[i] = e.value();
      g[i] = read(model, guide);
    }
    return new Gradients(g, v);
  }

  /** The current gradients: loc (d), log-scale (d), prior-loc (d). */
  public static double[] read(NormalNormalModel model, MeanFieldNormalGuide guide) {
    int d = guide.loc().cols();
    double[] out = new double[3 * d];
    for (int j = 0; j < d; j++) {
      out[j] = guide.loc().grad().get(0, j);
      out[d + j] = guide.logScale().grad().get(0, j);
      out[2 * d + j] = model.priorLoc().grad().get(0, j);
    }
    return out;
  }

  /** Mean of component c. */
  public double mean(int c) {
    double s = 0;
    for (double[] row : gradients) {
      s += row[c];
    }
    return s / gradients.length;
  }

  /** Sample variance of component c. */
  public double variance(int c) {
    double m = mean(c);
    double ss = 0;
    for (double[] row : gradients) {
      ss += (row[c] - m) * (row[c] - m);
    }
    return ss / (gradients.length - 1);
  }

  /** Standard error of the mean of component c. */
  public double standardError(int c) {
    return Math.sqrt(variance(c) / gradients.length);
  }

  /** Σ over components [from, to) of the variances. */
  public double totalVariance(int from, int to) {
    double s = 0;
    for (int c = from; c < to; c++) {
      s += variance(c);
    }
    return s;
  }

  /** Mean of the reported values. */
  public double valueMean() {
    double s = 0;
    for (double x : values) {
      s += x;
    }
    return s / values.length;
  }

  /** Standard error of the mean of the reported values. */
  public double valueStandardError() {
    double m = valueMean();
    double ss = 0;
    for (double x : values) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (values.length - 1) / values.length);
  }

  /**
   * Asserts that every component's mean is within {@code k} standard errors of {@code exact}, and
   * the reported values' mean within {@code k} standard errors of {@code exactElbo} (plus 1e-12
   * relative slack for rounding).
   */
  public void assertUnbiased(double[] exact, double exactElbo, double k, String what) {
    for (int c = 0; c < exact.length; c++) {
      double se = standardError(c);
      // + rounding slack: a component computed in closed form (e.g. ∂/∂μ₀ through an analytic
      // KL) has no spread at all.
      org.junit.jupiter.api.Assertions.assertEquals(exact[c], mean(c),
          k * se + 1e-12 * (1 + Math.abs(exact[c])),
          what + ": gradient component " + c + " (loc, log-scale, prior-loc per dimension), SE " + se);
    }
    double se = valueStandardError();
    org.junit.jupiter.api.Assertions.assertEquals(exactElbo, valueMean(),
        k * se + 1e-12 * (1 + Math.abs(exactElbo)),
        what + ": mean reported ELBO, SE " + se);
  }

  /** Number of components. */
  public int components() {
    return gradients[0].length;
  }
}
