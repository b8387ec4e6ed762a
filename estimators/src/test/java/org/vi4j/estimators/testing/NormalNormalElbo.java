package org.vi4j.estimators.testing;

/**
 * The exact ELBO of {@link MeanFieldNormalGuide} against {@link NormalNormalModel} on the full data
 * (scale 1), and its gradient. Per dimension j, with s = e^ω, n rows and x_i = x_ij:
 * <pre>
 *   ELBO_j = −½ log 2π − log s₀ − ((m − μ₀)² + s²)/(2s₀²)                     E_q log prior
 *          + Σ_i [−½ log 2π − log σ − ((x_i − m)² + s²)/(2σ²)]                E_q log likelihood
 *          + ½ + ½ log 2π + ω                                                  entropy
 *   ∂/∂m  = −(m − μ₀)/s₀² + Σ_i (x_i − m)/σ²
 *   ∂/∂ω  = 1 − s²/s₀² − n s²/σ²
 *   ∂/∂μ₀ = (m − μ₀)/s₀²
 * </pre>
 */
public final class NormalNormalElbo {

  private NormalNormalElbo() {}

  /** The exact ELBO. */
  public static double value(NormalNormalModel model, MeanFieldNormalGuide guide) {
    double[][] x = model.data();
    double sigma = model.sigma();
    double s0 = model.priorScale();
    double log2pi = NormalNormalModel.LOG_2PI;
    int d = guide.loc().cols();
    double elbo = 0;
    for (int j = 0; j < d; j++) {
      double m = guide.loc().get(0, j);
      double w = guide.logScale().get(0, j);
      double s = Math.exp(w);
      double mu0 = model.priorLoc().get(0, j);
      elbo += -0.5 * log2pi - Math.log(s0) - ((m - mu0) * (m - mu0) + s * s) / (2 * s0 * s0);
      for (double[] row : x) {
        double xi = row[j];
        elbo += -0.5 * log2pi - Math.log(sigma) - ((xi - m) * (xi - m) + s * s) / (2 * sigma * sigma);
      }
      elbo += 0.5 + 0.5 * log2pi + w;
    }
    return elbo;
  }

  /**
   * The exact gradient in the order of {@link Gradients#read}: loc (d), log-scale (d), prior-loc (d).
   */
  public static double[] gradient(NormalNormalModel model, MeanFieldNormalGuide guide) {
    double[][] x = model.data();
    double sigma = model.sigma();
    double s0 = model.priorScale();
    int d = guide.loc().cols();
    int n = x.length;
    double[] g = new double[3 * d];
    for (int j = 0; j < d; j++) {
      double m = guide.loc().get(0, j);
      double s = Math.exp(guide.logScale().get(0, j));
      double mu0 = model.priorLoc().get(0, j);
      double sum = 0;
      for (double[] row : x) {
        sum += (row[j] - m) / (sigma * sigma);
      }
      g[j] = -(m - mu0) / (s0 * s0) + sum;
      g[d + j] = 1 - s * s / (s0 * s0) - n * s * s / (sigma * sigma);
      g[2 * d + j] = (m - mu0) / (s0 * s0);
    }
    return g;
  }
}
