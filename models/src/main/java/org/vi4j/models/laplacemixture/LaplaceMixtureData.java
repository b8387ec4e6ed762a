package org.vi4j.models.laplacemixture;

import java.util.Arrays;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;

/**
 * The seeded data set of the Laplace-mixture experiment: a true mixture of K Laplace components
 * with means uniform on [0, 20], scales uniform on (0, 3] and equal weights, and training and
 * held-out points drawn from it. The same seed gives the same mixture and points everywhere
 * (tests, demos, the benchmark and the scikit-learn comparison, which reads the CSV it writes).
 *
 * <pre>{@code
 * LaplaceMixtureData d = LaplaceMixtureData.generate(2314, 4, 200, 10_000);
 * d.train();                       // 200 points
 * d.trueHeldOutLogLikelihood();    // the ceiling: mean log p_true(x) over the held-out points
 * }</pre>
 *
 * <p>Draw order from one {@link Rng#seeded} stream: K means, K scales, then each point's component
 * (uniform) and value ({@link Samplers#laplace}), training points first. A scale is 3·(1 − u) with
 * u ∈ [0, 1), so it lies in (0, 3].
 *
 * @param seed the seed
 * @param weights the true π (all 1/K)
 * @param loc the true μ
 * @param scale the true b
 * @param train the training points
 * @param heldOut the held-out points
 */
public record LaplaceMixtureData(long seed, double[] weights, double[] loc, double[] scale,
    double[] train, double[] heldOut) {

  /** The experiment's K. */
  public static final int K = 4;
  /** The experiment's training size. */
  public static final int TRAIN = 200;
  /** The experiment's held-out size. */
  public static final int HELD_OUT = 10_000;
  /** The seed the issue reports scikit-learn's numbers for. */
  public static final long SEED = 2314;

  /** Copies the arrays. */
  public LaplaceMixtureData {
    weights = weights.clone();
    loc = loc.clone();
    scale = scale.clone();
    train = train.clone();
    heldOut = heldOut.clone();
  }

  /** The experiment: K = 4, 200 training and 10,000 held-out points. */
  public static LaplaceMixtureData experiment(long seed) {
    return generate(seed, K, TRAIN, HELD_OUT);
  }

  /**
   * A data set from a fresh random mixture.
   *
   * @param k components, ≥ 1
   * @param train training points, ≥ 1
   * @param heldOut held-out points, ≥ 0
   */
  public static LaplaceMixtureData generate(long seed, int k, int train, int heldOut) {
    if (!(k >= 1) || !(train >= 1) || !(heldOut >= 0)) {
      throw new IllegalArgumentException("LaplaceMixtureData: need k >= 1, train >= 1, heldOut >= 0;"
          + " got k=" + k + ", train=" + train + ", heldOut=" + heldOut);
    }
    Rng rng = Rng.seeded(seed);
    double[] mu = new double[k];
    double[] b = new double[k];
    double[] w = new double[k];
    Arrays.fill(w, 1.0 / k);
    for (int c = 0; c < k; c++) {
      mu[c] = 20 * rng.nextDouble();
    }
    for (int c = 0; c < k; c++) {
      b[c] = 3 * (1 - rng.nextDouble());
    }
    double[] tr = draw(rng, mu, b, train);
    double[] ho = draw(rng, mu, b, heldOut);
    return new LaplaceMixtureData(seed, w, mu, b, tr, ho);
  }

  private static double[] draw(Rng rng, double[] mu, double[] b, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(mu.length);
      out[i] = Samplers.laplace(rng, mu[c], b[c]);
    }
    return out;
  }

  /** log p_true(x) at each point. */
  public double[] trueLogDensity(double[] xs) {
    double[] out = new double[xs.length];
    double[] t = new double[loc.length];
    for (int i = 0; i < xs.length; i++) {
      for (int c = 0; c < loc.length; c++) {
        t[c] = Math.log(weights[c]) - Math.log(2 * scale[c]) - Math.abs(xs[i] - loc[c]) / scale[c];
      }
      out[i] = LaplaceMixtureModel.logSumExp(t);
    }
    return out;
  }

  /** The ceiling: the true mixture's mean log density over the held-out points. */
  public double trueHeldOutLogLikelihood() {
    return Arrays.stream(trueLogDensity(heldOut)).average().orElse(Double.NaN);
  }
}
