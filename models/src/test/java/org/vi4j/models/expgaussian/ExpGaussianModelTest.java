package org.vi4j.models.expgaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Exponential;
import org.vi4j.core.distributions.TruncatedNormal;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.ObservedData;
import org.vi4j.core.testing.GradientCheck;
import org.vi4j.core.testing.Vi4jTestBase;

class ExpGaussianModelTest extends Vi4jTestBase {

  /**
   * log(e^{1/2 − 1.5} Φ(0.5)), from mpmath (30 digits):
   * {@code python3 -c "from mpmath import mp, ncdf, log, exp; mp.dps = 30;
   * print(log(exp(mp.mpf(1)/2 - mp.mpf('1.5')) * ncdf(mp.mpf('0.5'))))"}
   * → −1.36894641528865639306561563904 (the same digits as
   * {@code log(quad(lambda z: exp(-z) * exp(-(1.5 - z)**2 / 2) / sqrt(2*pi), [0, inf]))}).
   */
  static final double LOG_EVIDENCE_AT_1_5 = -1.3689464152886564;

  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private static Latents z(double... values) {
    return Latents.of(values.length, Map.of("z", Tensor.column(values)));
  }

  /** log λ − λz + Σ log N(x_i; z, σ²), term by term. */
  private static double handLogJoint(double[] x, double lambda, double sigma, double z) {
    double lp = Math.log(lambda) - lambda * z;
    for (double xi : x) {
      double u = (xi - z) / sigma;
      lp += -0.5 * u * u - Math.log(sigma) - LOG_SQRT_2PI;
    }
    return lp;
  }

  @Test
  void logJoint_matchesHandFormula() {
    double[] x = {0.4, 2.1, -0.3};
    ExpGaussianModel m = new ExpGaussianModel(x, 0.7, 1.3);
    double[] zs = {0.0, 0.05, 0.9, 2.5, 7.0};
    Tensor lj = m.logJoint(z(zs), m.fullBatch());
    assertEquals(zs.length, lj.rows());
    assertEquals(1, lj.cols());
    for (int p = 0; p < zs.length; p++) {
      assertEquals(handLogJoint(x, 0.7, 1.3, zs[p]), lj.get(p, 0), 1e-12);
    }
  }

  @Test
  void observed_isTheObservationsAsAColumn() {
    ExpGaussianModel m = new ExpGaussianModel(new double[] {0.4, 2.1, -0.3}, 1, 1);
    assertTrue(m.as(ObservedData.class).isPresent());
    Tensor d = m.observed();
    assertEquals(3, d.rows());
    assertEquals(1, d.cols());
    assertEquals(2.1, d.get(1, 0));
    assertEquals(3, m.fullBatch().size());
  }

  @Test
  void logJoint_isMinusInfinityBelowZero() {
    ExpGaussianModel m = ExpGaussianModel.of(1.5);
    Tensor lj = m.logJoint(z(-0.1, 0.1), m.fullBatch());
    assertEquals(Double.NEGATIVE_INFINITY, lj.get(0, 0));
    assertTrue(Double.isFinite(lj.get(1, 0)));
  }

  @Test
  void logJoint_gradientMatchesFiniteDifferences() {
    ExpGaussianModel m = new ExpGaussianModel(new double[] {0.4, 2.1, -0.3}, 0.7, 1.3);
    Batch all = m.fullBatch();
    double err = GradientCheck.maxError(
        in -> m.logJoint(Latents.of(3, Map.of("z", in[0])), all),
        new DMatrixRMaj(3, 1, true, 0.2, 1.1, 3.0));
    assertTrue(err < 1e-6, "gradient error " + err);
  }

  @Test
  void priorSpec_plusLikelihood_equalsLogJoint() {
    double[] x = {1.0, 2.0};
    ExpGaussianModel m = new ExpGaussianModel(x, 2.0, 0.5);
    Tensor zt = Tensor.column(0.3, 1.4);
    assertTrue(m.prior("z") instanceof Exponential);
    assertEquals(2.0, ((Exponential) m.prior("z")).rate().item());
    Tensor prior = m.prior("z").logProb(zt);
    Tensor lj = m.logJoint(z(0.3, 1.4), m.fullBatch());
    for (int p = 0; p < 2; p++) {
      double lik = handLogJoint(x, 2.0, 0.5, zt.get(p, 0)) - (Math.log(2.0) - 2.0 * zt.get(p, 0));
      assertEquals(prior.get(p, 0) + lik, lj.get(p, 0), 1e-12);
    }
  }

  @Test
  void logEvidence_atX15_isTheReferenceValue() {
    assertEquals(LOG_EVIDENCE_AT_1_5, ExpGaussianModel.of(1.5).logEvidence(), 1e-13);
    assertEquals(-1.368946, ExpGaussianModel.of(1.5).logEvidence(), 1e-6);
  }

  @Test
  void logEvidence_oneObservation_isTextbookFormula() {
    for (double x : new double[] {-3.0, 0.0, 0.7, 1.5, 4.0, 10.0}) {
      double expected = 0.5 - x + SpecialFunctions.logNormalCdf(x - 1);
      assertEquals(expected, ExpGaussianModel.of(x).logEvidence(), 1e-12, "x = " + x);
    }
  }

  /** log ∫₀^∞ exp(logJoint(z)) dz by composite Simpson over [0, max(μ, 0) + 40 s]. */
  private static double logEvidenceByQuadrature(ExpGaussianModel m) {
    double upper = Math.max(m.posteriorLoc(), 0) + 40 * m.posteriorScale();
    int intervals = 20_000; // even
    double h = upper / intervals;
    double[] zs = new double[intervals + 1];
    for (int k = 0; k <= intervals; k++) {
      zs[k] = k * h;
    }
    Tensor lj = m.logJoint(z(zs), m.fullBatch());
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k <= intervals; k++) {
      max = Math.max(max, lj.get(k, 0));
    }
    double sum = 0;
    for (int k = 0; k <= intervals; k++) {
      double w = k == 0 || k == intervals ? 1 : (k % 2 == 1 ? 4 : 2);
      sum += w * Math.exp(lj.get(k, 0) - max);
    }
    return max + Math.log(sum * h / 3);
  }

  @Test
  void logEvidence_matchesQuadrature_oneObservation() {
    for (double x : new double[] {-2.0, 0.0, 1.5, 4.0}) {
      ExpGaussianModel m = ExpGaussianModel.of(x);
      assertEquals(logEvidenceByQuadrature(m), m.logEvidence(), 1e-9, "x = " + x);
    }
  }

  @Test
  void logEvidence_matchesQuadrature_threeObservations() {
    double[][] sets = {{1.5, 0.2, 2.9}, {-1.0, -0.5, 0.3}, {4.0, 5.5, 3.2}, {0.0, 0.0, 0.0}};
    double[][] params = {{1.0, 1.0}, {0.5, 2.0}, {3.0, 0.7}, {1.7, 1.2}};
    for (double[] x : sets) {
      for (double[] lp : params) {
        ExpGaussianModel m = new ExpGaussianModel(x, lp[0], lp[1]);
        assertEquals(logEvidenceByQuadrature(m), m.logEvidence(), 1e-9,
            Arrays.toString(x) + " λ=" + lp[0] + " σ=" + lp[1]);
      }
    }
  }

  @Test
  void posterior_isJointOverEvidence() {
    double[] x = {1.5, 0.2, 2.9};
    ExpGaussianModel m = new ExpGaussianModel(x, 0.8, 1.4);
    Distribution post = m.posterior("z");
    assertTrue(post instanceof TruncatedNormal);
    double[] zs = {0.01, 0.5, 1.2, 2.0, 4.5};
    Tensor logPost = post.logProb(Tensor.column(zs));
    Tensor lj = m.logJoint(z(zs), m.fullBatch());
    for (int p = 0; p < zs.length; p++) {
      assertEquals(lj.get(p, 0) - m.logEvidence(), logPost.get(p, 0), 1e-11, "z = " + zs[p]);
    }
    TruncatedNormal tn = (TruncatedNormal) post;
    double xbar = (1.5 + 0.2 + 2.9) / 3;
    assertEquals(xbar - 0.8 * 1.4 * 1.4 / 3, tn.loc().item(), 1e-14);
    assertEquals(1.4 / Math.sqrt(3), tn.scale().item(), 1e-14);
    assertEquals(0.0, tn.lower());
  }

  @Test
  void minibatchScaling_epochMeanEqualsFullData() {
    double[] x = {0.4, 2.1, -0.3, 1.9, 0.0, 3.3};
    ExpGaussianModel m = new ExpGaussianModel(x, 1.2, 0.9);
    double[] zs = {0.1, 1.0, 2.7};
    Tensor full = m.logJoint(z(zs), m.fullBatch());
    int[][] epoch = {{4, 1}, {0, 5}, {3, 2}};   // a permutation of 0..5 in batches of 2
    double[] mean = new double[zs.length];
    for (int[] rows : epoch) {
      Tensor data = Tensor.column(x[rows[0]], x[rows[1]]);
      Tensor lj = m.logJoint(z(zs), Batch.of(data, rows, x.length));
      for (int p = 0; p < zs.length; p++) {
        mean[p] += lj.get(p, 0) / epoch.length;
      }
    }
    for (int p = 0; p < zs.length; p++) {
      assertEquals(full.get(p, 0), mean[p], 1e-12);
    }
  }

  @Test
  void nanObservation_isRejectedNamingTheIndex() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ExpGaussianModel(new double[] {1.0, Double.NaN}, 1.0, 1.0));
    assertTrue(e.getMessage().contains("x[1]"), e.getMessage());
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
        () -> ExpGaussianModel.parseObservations("1.0, 2.0,NaN"));
    assertTrue(p.getMessage().contains("x[2]"), p.getMessage());
    IllegalArgumentException q = assertThrows(IllegalArgumentException.class,
        () -> ExpGaussianModel.parseObservations("1.0,,2"));
    assertTrue(q.getMessage().contains("x[1]"), q.getMessage());
  }

  @Test
  void badParameters_areRejected() {
    double[] x = {1.0};
    assertThrows(IllegalArgumentException.class, () -> new ExpGaussianModel(x, 0.0, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new ExpGaussianModel(x, 1.0, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new ExpGaussianModel(new double[0], 1, 1));
    ExpGaussianModel m = ExpGaussianModel.of(1.0);
    assertThrows(IllegalArgumentException.class, () -> m.posterior("w"));
    Batch twoColumns = Batch.full(Tensor.of(new double[][] {{1, 2}}));
    assertThrows(IllegalArgumentException.class, () -> m.logJoint(z(0.5), twoColumns));
  }

  @Test
  void parseObservations_acceptsOneOrMany() {
    assertEquals(1, ExpGaussianModel.parseObservations("1.5").length);
    double[] v = ExpGaussianModel.parseObservations(" 0.3, 1.2,2 ");
    assertEquals(3, v.length);
    assertEquals(2.0, v[2]);
  }

  @Test
  void samplePrior_hasExponentialMean() {
    ExpGaussianModel m = new ExpGaussianModel(new double[] {1.0}, 2.0, 1.0);
    int n = 20_000;
    Latents z = m.samplePrior(n, 1, Rng.seeded(7));
    double mean = z.get("z").sum().item() / n;
    // Exponential(2): mean 1/2, sd 1/2; 5 standard errors
    assertEquals(0.5, mean, 5 * 0.5 / Math.sqrt(n));
    Tensor data = m.sampleData(z, 3, Rng.seeded(8));
    assertEquals(3 * n, data.rows());
    assertEquals(1, data.cols());
  }
}
