package org.vi4j.models.poissongamma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Gamma;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.ObservedData;
import org.vi4j.core.testing.GradientCheck;
import org.vi4j.core.testing.Vi4jTestBase;

class PoissonGammaModelTest extends Vi4jTestBase {

  private final DigitsData zeros = DigitsData.digit(0);
  private final PoissonGammaModel model = PoissonGammaModel.of(zeros);

  private static Latents rates(double[][] theta) {
    return Latents.of(theta.length, Map.of("rate", Tensor.of(theta)));
  }

  /** Positive rates near the data's scale: uniform on [0.05, 12]. */
  private double[][] randomRates(int particles) {
    double[][] t = new double[particles][64];
    for (double[] row : t) {
      for (int j = 0; j < 64; j++) {
        row[j] = 0.05 + 12 * rand.nextDouble();
      }
    }
    return t;
  }

  private static double gammaLogPdf(double x, double a, double b) {
    return a * Math.log(b) + (a - 1) * Math.log(x) - b * x - SpecialFunctions.lgamma(a);
  }

  private static double poissonLogPmf(double k, double rate) {
    return k * Math.log(rate) - rate - SpecialFunctions.lgamma(k + 1);
  }

  @Test
  void priorShapes_areStrengthTimesFlooredMean() {
    double[] mean = zeros.pixelMeans();
    double[] a = model.priorShape();
    for (int j = 0; j < 64; j++) {
      assertTrue(a[j] > 0, "a_" + j);
      assertEquals(2 * Math.max(mean[j], 0.1), a[j], 1e-15);
    }
    assertEquals(2.0, model.priorRate());
    for (int j : zeros.alwaysZeroPixels()) {
      assertEquals(0.2, a[j], 1e-15);
    }
  }

  @Test
  void observed_isTheImages() {
    assertTrue(model.as(ObservedData.class).isPresent());
    assertEquals(178, model.observed().rows());
    assertEquals(64, model.observed().cols());
    assertEquals(zeros.count(5, 20), model.observed().get(5, 20));
  }

  @Test
  void logJoint_matchesNaivePerImageComputation() {
    int[] rows = {3, 77, 150};
    double[][] images = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      images[i] = zeros.toArray()[rows[i]];
    }
    Batch batch = Batch.of(Tensor.of(images), rows, zeros.size());
    double[][] theta = randomRates(4);
    Tensor lj = model.logJoint(rates(theta), batch);
    assertEquals(4, lj.rows());
    assertEquals(1, lj.cols());
    double[] a = model.priorShape();
    double scale = zeros.size() / 3.0;
    for (int p = 0; p < theta.length; p++) {
      double expected = 0;
      for (int j = 0; j < 64; j++) {
        expected += gammaLogPdf(theta[p][j], a[j], 2.0);
      }
      for (double[] image : images) {
        for (int j = 0; j < 64; j++) {
          expected += scale * poissonLogPmf(image[j], theta[p][j]);
        }
      }
      assertEquals(expected, lj.get(p, 0), 1e-9 * Math.abs(expected));
    }
  }

  @Test
  void logJoint_priorSpecPlusLikelihood() {
    double[][] theta = randomRates(3);
    Tensor prior = model.prior("rate").logProb(Tensor.of(theta)).sumRows();
    Tensor lj = model.logJoint(rates(theta), model.fullBatch());
    for (int p = 0; p < theta.length; p++) {
      double lik = 0;
      for (int i = 0; i < zeros.size(); i++) {
        for (int j = 0; j < 64; j++) {
          lik += poissonLogPmf(zeros.count(i, j), theta[p][j]);
        }
      }
      assertEquals(prior.get(p, 0) + lik, lj.get(p, 0), 1e-9 * Math.abs(lj.get(p, 0)));
    }
  }

  @Test
  void logJoint_minusInfinityOutsideSupport() {
    double[][] theta = randomRates(2);
    theta[1][5] = 0.0;
    Tensor lj = model.logJoint(rates(theta), model.fullBatch());
    assertTrue(Double.isFinite(lj.get(0, 0)));
    assertEquals(Double.NEGATIVE_INFINITY, lj.get(1, 0));
  }

  @Test
  void logJoint_gradientMatchesFiniteDifferences() {
    int[] rows = {0, 1};
    Batch batch = Batch.of(Tensor.of(new double[][] {zeros.toArray()[0], zeros.toArray()[1]}),
        rows, zeros.size());
    DMatrixRMaj point = GradientCheck.uniform(rand, 2, 64, 0.5, 10.0);
    double err = GradientCheck.maxError(in -> model.logJoint(Latents.of(2, Map.of("rate", in[0])),
        batch), point);
    assertTrue(err < 1e-6, "gradient error " + err);
  }

  @Test
  void minibatchScaling_epochMeanEqualsFullData() {
    double[][] theta = randomRates(2);
    double[][] all = zeros.toArray();
    Tensor full = model.logJoint(rates(theta), model.fullBatch());
    int b = 2;   // 178 = 89 batches of 2
    double[] mean = new double[theta.length];
    for (int start = 0; start < all.length; start += b) {
      int[] rows = {start, start + 1};
      Tensor lj = model.logJoint(rates(theta),
          Batch.of(Tensor.of(new double[][] {all[start], all[start + 1]}), rows, all.length));
      for (int p = 0; p < theta.length; p++) {
        mean[p] += lj.get(p, 0) / (all.length / b);
      }
    }
    for (int p = 0; p < theta.length; p++) {
      assertEquals(full.get(p, 0), mean[p], 1e-9 * Math.abs(full.get(p, 0)));
    }
  }

  @Test
  void exactPosterior_isPriorPlusCounts() {
    Distribution post = model.posterior("rate");
    assertTrue(post instanceof Gamma);
    Gamma g = (Gamma) post;
    double[] a = model.priorShape();
    assertEquals(1, g.rows());
    assertEquals(64, g.cols());
    for (int j = 0; j < 64; j++) {
      double sum = 0;
      for (int i = 0; i < zeros.size(); i++) {
        sum += zeros.count(i, j);
      }
      assertEquals(a[j] + sum, g.shape().get(0, j), 1e-12);
      assertEquals(2.0 + 178, g.rate().get(0, j), 0.0);
    }
  }

  @Test
  void exactEvidence_equalsJointOverPosteriorAtAnyRate() {
    // log p(x) = log p(x, θ) − log p(θ | x) holds exactly for every θ > 0
    double[][] theta = randomRates(5);
    Tensor lj = model.logJoint(rates(theta), model.fullBatch());
    Tensor logPost = model.posterior("rate").logProb(Tensor.of(theta)).sumRows();
    double evidence = model.logEvidence();
    for (int p = 0; p < theta.length; p++) {
      assertEquals(evidence, lj.get(p, 0) - logPost.get(p, 0), 1e-9 * Math.abs(evidence));
    }
  }

  @Test
  void exactEvidence_matchesHandFormula() {
    PoissonGammaModel small = PoissonGammaModel.withEmpiricalPrior(DigitsData.of(new double[][] {
        zeros.toArray()[0], zeros.toArray()[1], zeros.toArray()[2]}), 1.5, 0.7, 0.3);
    double[] a = small.priorShape();
    double expected = 0;
    for (int j = 0; j < 64; j++) {
      double s = 0;
      for (int i = 0; i < 3; i++) {
        s += small.images().count(i, j);
        expected -= SpecialFunctions.lgamma(small.images().count(i, j) + 1);
      }
      expected += a[j] * Math.log(0.7) - SpecialFunctions.lgamma(a[j])
          + SpecialFunctions.lgamma(a[j] + s) - (a[j] + s) * Math.log(0.7 + 3);
    }
    assertEquals(expected, small.logEvidence(), 1e-10 * Math.abs(expected));
  }

  @Test
  void conjugateUpdate_onFullBatch_isExactPosteriorNaturalParameters() {
    Tensor eta = model.optimalNaturalParameters("rate", null, model.fullBatch());
    assertEquals(1, eta.rows());
    assertEquals(128, eta.cols());
    Gamma post = (Gamma) model.posterior("rate");
    for (int j = 0; j < 64; j++) {
      assertEquals(post.shape().get(0, j) - 1, eta.get(0, j), 0.0);
      assertEquals(-post.rate().get(0, j), eta.get(0, 64 + j), 0.0);
    }
    assertEquals(java.util.List.of("rate"), model.conjugateLatents());
  }

  @Test
  void conjugateUpdate_onMinibatch_isScaledIntermediate() {
    int[] rows = {10, 20};
    double[][] all = zeros.toArray();
    Batch batch = Batch.of(Tensor.of(new double[][] {all[10], all[20]}), rows, all.length);
    Tensor eta = model.optimalNaturalParameters("rate", null, batch);
    double[] a = model.priorShape();
    double c = all.length / 2.0;
    for (int j = 0; j < 64; j++) {
      assertEquals(a[j] + c * (all[10][j] + all[20][j]) - 1, eta.get(0, j), 1e-12);
      assertEquals(-(2.0 + c * 2), eta.get(0, 64 + j), 1e-12);
    }
    assertThrows(IllegalArgumentException.class,
        () -> model.optimalNaturalParameters("theta", null, batch));
  }

  @Test
  void badBatch_isRejected() {
    double[][] bad = {zeros.toArray()[0].clone()};
    bad[0][9] = 1.5;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.logJoint(rates(randomRates(1)), Batch.of(Tensor.of(bad), new int[] {4}, 178)));
    assertTrue(e.getMessage().contains("pixel 9"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> model.logJoint(rates(randomRates(1)), Batch.full(Tensor.zeros(2, 63))));
  }

  @Test
  void badPrior_isRejected() {
    double[] a = new double[64];
    java.util.Arrays.fill(a, 1.0);
    a[12] = 0;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PoissonGammaModel(zeros, a, 1.0));
    assertTrue(e.getMessage().contains("a[12]"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> PoissonGammaModel.withEmpiricalPrior(zeros, 2, 2, 0));
    assertThrows(IllegalArgumentException.class,
        () -> PoissonGammaModel.withEmpiricalPrior(zeros, 2, Double.NaN, 0.1));
  }

  @Test
  void sampleImages_fromRates_haveThePoissonMean() {
    int n = 4000;
    double[][] theta = new double[n][64];
    for (double[] row : theta) {
      for (int j = 0; j < 64; j++) {
        row[j] = j / 8.0;
      }
    }
    Tensor images = model.sampleImages(Tensor.of(theta), Rng.seeded(11));
    assertEquals(n, images.rows());
    assertEquals(64, images.cols());
    for (int j = 0; j < 64; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        double x = images.get(i, j);
        assertTrue(DigitsData.isCount(x));
        mean += x / n;
      }
      // Poisson: variance = mean; 5 standard errors (exact 0 for the zero-rate pixel)
      assertEquals(j / 8.0, mean, 5 * Math.sqrt(j / 8.0 / n) + 1e-12, "pixel " + j);
    }
  }

  @Test
  void sampleImages_fromPosterior_andGenerative_shapes() {
    Tensor fromQ = model.sampleImages(model.posterior("rate"), 7, Rng.seeded(3));
    assertEquals(7, fromQ.rows());
    assertEquals(64, fromQ.cols());
    Latents prior = model.samplePrior(5, 1, Rng.seeded(4));
    assertEquals(5, prior.get("rate").rows());
    assertEquals(64, prior.get("rate").cols());
    Tensor data = model.sampleData(prior, 3, Rng.seeded(5));
    assertEquals(15, data.rows());
    assertEquals(64, data.cols());
    assertThrows(IllegalArgumentException.class,
        () -> model.sampleImages(Tensor.filled(2, 64, -1.0), Rng.seeded(1)));
  }

  @Test
  void samplePrior_hasTheGammaMean() {
    int n = 4000;
    Tensor theta = model.samplePrior(n, 1, Rng.seeded(9)).get("rate");
    double[] a = model.priorShape();
    for (int j = 0; j < 64; j += 9) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += theta.get(i, j) / n;
      }
      double sd = Math.sqrt(a[j]) / 2.0;   // Gamma(a, 2): sd √a / 2
      assertEquals(a[j] / 2.0, mean, 5 * sd / Math.sqrt(n), "pixel " + j);
    }
  }
}
