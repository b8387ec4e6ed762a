package org.vi4j.models.gaussianmixture;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;

/**
 * The seeded 2-D data set of the {@code gaussian-mixture-mv} experiment: a fixed true mixture of
 * three 2-D Gaussians with full covariances (one positively and one negatively correlated) and
 * unequal weights, and training and held-out points drawn from it. The seed only changes the
 * points; the same seed gives the same points everywhere (tests, the demo, the benchmark and the
 * scikit-learn comparison, which reads the CSV the benchmark writes).
 *
 * <pre>{@code
 * GaussianClustersData d = GaussianClustersData.experiment(1);
 * d.train();                          // 300 x 2
 * d.trueHeldOutLogLikelihood();       // the ceiling: mean log p_true(x) over 10,000 held-out points
 * }</pre>
 *
 * <p><strong>The true mixture</strong>: weights (0.45, 0.35, 0.2), means (−4, 0), (2, 3), (3, −3),
 * covariances [[1.2, 0.7], [0.7, 1.0]], [[0.6, −0.3], [−0.3, 0.8]], [[1.5, 0], [0, 0.4]].
 * <strong>Draw order</strong> from one {@link Rng#seeded} stream: for each point (training points
 * first) its component ({@link Samplers#categorical}) and then two standard normals z, giving
 * x = mean + L z with L the lower Cholesky factor of the covariance.
 *
 * @param seed the seed of the points
 * @param weights the true π
 * @param means the true means, K x 2
 * @param covariances the true covariances, K x 2 x 2
 * @param train the training points, N x 2
 * @param heldOut the held-out points, M x 2
 */
public record GaussianClustersData(long seed, double[] weights, double[][] means,
    double[][][] covariances, double[][] train, double[][] heldOut) {

  /** The experiment's training size. */
  public static final int TRAIN = 300;
  /** The experiment's held-out size. */
  public static final int HELD_OUT = 10_000;
  /** The seed of the demo and the benchmark. */
  public static final long SEED = 1;

  private static final double[] WEIGHTS = {0.45, 0.35, 0.2};
  private static final double[][] MEANS = {{-4, 0}, {2, 3}, {3, -3}};
  private static final double[][][] COVARIANCES = {
      {{1.2, 0.7}, {0.7, 1.0}}, {{0.6, -0.3}, {-0.3, 0.8}}, {{1.5, 0}, {0, 0.4}}};

  /** Deep copies. */
  public GaussianClustersData {
    weights = weights.clone();
    means = deepCopy(means);
    double[][][] c = new double[covariances.length][][];
    for (int i = 0; i < c.length; i++) {
      c[i] = deepCopy(covariances[i]);
    }
    covariances = c;
    train = deepCopy(train);
    heldOut = deepCopy(heldOut);
  }

  /** The experiment: 300 training and 10,000 held-out points. */
  public static GaussianClustersData experiment(long seed) {
    return generate(seed, TRAIN, HELD_OUT);
  }

  /**
   * Points from the fixed true mixture (class javadoc).
   *
   * @param train training points, ≥ 1
   * @param heldOut held-out points, ≥ 0
   */
  public static GaussianClustersData generate(long seed, int train, int heldOut) {
    if (!(train >= 1) || !(heldOut >= 0)) {
      throw new IllegalArgumentException("GaussianClustersData: need train >= 1 and heldOut >= 0; "
          + "got train=" + train + ", heldOut=" + heldOut);
    }
    Rng rng = Rng.seeded(seed);
    double[][][] chol = new double[COVARIANCES.length][][];
    for (int c = 0; c < chol.length; c++) {
      chol[c] = GaussianWishartMixture.arr(GaussianWishartMixture.cholOrThrow(
          GaussianWishartMixture.mat(COVARIANCES[c]), "true covariance " + c));
    }
    double[][] tr = draw(rng, chol, train);
    double[][] ho = draw(rng, chol, heldOut);
    double[][][] cov = COVARIANCES;
    return new GaussianClustersData(seed, WEIGHTS, MEANS, cov, tr, ho);
  }

  private static double[][] draw(Rng rng, double[][][] chol, int n) {
    double[][] x = new double[n][2];
    for (int i = 0; i < n; i++) {
      int c = Samplers.categorical(rng, WEIGHTS);
      double z0 = rng.nextGaussian();
      double z1 = rng.nextGaussian();
      x[i][0] = MEANS[c][0] + chol[c][0][0] * z0;
      x[i][1] = MEANS[c][1] + chol[c][1][0] * z0 + chol[c][1][1] * z1;
    }
    return x;
  }

  /** log p_true(x) at each row of {@code xs} (each of length 2). Not modified. */
  public double[] trueLogDensity(double[][] xs) {
    Objects.requireNonNull(xs, "xs");
    int k = weights.length;
    double[] logNorm = new double[k];
    double[][][] prec = new double[k][][];
    for (int c = 0; c < k; c++) {
      DMatrixRMaj cov = GaussianWishartMixture.mat(covariances[c]);
      prec[c] = GaussianWishartMixture.arr(GaussianWishartMixture.inverse(cov, "covariance " + c));
      logNorm[c] = Math.log(weights[c]) - Math.log(2 * Math.PI)
          - 0.5 * GaussianWishartMixture.logDet(cov, "covariance " + c);
    }
    double[] out = new double[xs.length];
    double[] per = new double[k];
    for (int i = 0; i < xs.length; i++) {
      if (xs[i] == null || xs[i].length != 2) {
        throw new IllegalArgumentException("GaussianClustersData: point " + i
            + " must have 2 values");
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        per[c] = logNorm[c] - 0.5 * GaussianWishartMixture.quad(prec[c], xs[i], means[c]);
        max = Math.max(max, per[c]);
      }
      double s = 0;
      for (int c = 0; c < k; c++) {
        s += Math.exp(per[c] - max);
      }
      out[i] = max + Math.log(s);
    }
    return out;
  }

  /** The mean true log density over the held-out points: no fitted density can beat it on average. */
  public double trueHeldOutLogLikelihood() {
    return Arrays.stream(trueLogDensity(heldOut)).average().orElse(Double.NaN);
  }

  /** True if {@code x} are exactly this experiment's training points. */
  public boolean isTrainingSet(double[][] x) {
    return Arrays.deepEquals(train, x);
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
