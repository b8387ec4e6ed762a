package org.vi4j.estimators.iwae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.estimators.reparamanalytic.ReparamAnalyticEstimator;

class IwaeEstimatorTest extends Vi4jTestBase {

  private static final double[] X = {-1.5, -0.2, 0.4, 1.1, 2.3};

  private static Batch batch() {
    return Batch.full(Tensor.column(X));
  }

  @Test
  void atTheExactPosteriorEveryWeightIsTheEvidence() {
    LocalGaussian.Model1 m = new LocalGaussian.Model1();
    LocalGaussian.Guide q = new LocalGaussian.Guide(0.5, 0.0, Math.sqrt(0.5));
    double logPx = 0;
    for (double x : X) {
      logPx += LocalGaussian.logEvidence(x);
    }
    for (int k : new int[] {1, 7, 100}) {
      assertEquals(logPx, new IwaeEstimator(k).estimate(m, q, batch(), Rng.seeded(k)).value(), 1e-9);
    }
    double[] rows = new IwaeEstimator(1).logMarginal(m, q, batch(), Rng.seeded(3), 1000, 300);
    for (int i = 0; i < X.length; i++) {
      assertEquals(LocalGaussian.logEvidence(X[i]), rows[i], 1e-9);
    }
  }

  @Test
  void theBoundRisesWithKTowardsTheEvidence() {
    LocalGaussian.Model1 m = new LocalGaussian.Model1();
    LocalGaussian.Guide q = new LocalGaussian.Guide(0.2, 0.3, 1.0);
    double logPx = 0;
    double elbo = 0;
    for (double x : X) {
      logPx += LocalGaussian.logEvidence(x);
      elbo += LocalGaussian.elbo(x, 0.2 * x + 0.3, 1.0);
    }
    int reps = 400;
    double[] mean = new double[3];
    int[] ks = {1, 10, 100};
    for (int j = 0; j < ks.length; j++) {
      IwaeEstimator est = new IwaeEstimator(ks[j]);
      Rng rng = Rng.seeded(11 + j);
      for (int r = 0; r < reps; r++) {
        mean[j] += est.estimate(m, q, batch(), rng).value() / reps;
      }
    }
    // k = 1 is the ELBO (per-row sd ~ 1.3 here: the mean of 400 is within ~0.3 of it)
    assertEquals(elbo, mean[0], 0.3);
    assertTrue(mean[0] < mean[1] && mean[1] < mean[2], java.util.Arrays.toString(mean));
    assertTrue(mean[2] <= logPx + 0.02 && mean[2] > logPx - 0.1, mean[2] + " vs " + logPx);
    double[] rows = new IwaeEstimator(1).logMarginal(m, q, batch(), Rng.seeded(5), 20_000, 4096);
    for (int i = 0; i < X.length; i++) {
      assertEquals(LocalGaussian.logEvidence(X[i]), rows[i], 0.01);
    }
  }

  @Test
  void reparamAnalyticUsesTheLocalClosedFormAndAgreesInExpectation() {
    LocalGaussian.Model1 m = new LocalGaussian.Model1();
    LocalGaussian.Guide q = new LocalGaussian.Guide(0.2, 0.3, 1.0);
    double elbo = 0;
    for (double x : X) {
      elbo += LocalGaussian.elbo(x, 0.2 * x + 0.3, 1.0);
    }
    ReparamAnalyticEstimator analytic = new ReparamAnalyticEstimator(4);
    org.vi4j.estimators.reparam.ReparamEstimator plain =
        new org.vi4j.estimators.reparam.ReparamEstimator(4);
    int reps = 2000;
    double[] va = new double[2];
    double[] vp = new double[2];
    double[] ga = new double[3];
    double[] gp = new double[3];
    Rng r1 = Rng.seeded(21);
    Rng r2 = Rng.seeded(22);
    for (int r = 0; r < reps; r++) {
      q.params.zeroGrad();
      double a = analytic.estimate(m, q, batch(), r1).value();
      ga[0] += q.a.grad().data[0] / reps;
      ga[1] += q.c.grad().data[0] / reps;
      ga[2] += q.s.grad().data[0] / reps;
      q.params.zeroGrad();
      double p = plain.estimate(m, q, batch(), r2).value();
      gp[0] += q.a.grad().data[0] / reps;
      gp[1] += q.c.grad().data[0] / reps;
      gp[2] += q.s.grad().data[0] / reps;
      va[0] += a / reps;
      va[1] += a * a / reps;
      vp[0] += p / reps;
      vp[1] += p * p / reps;
    }
    double sdA = Math.sqrt(va[1] - va[0] * va[0]);
    double sdP = Math.sqrt(vp[1] - vp[0] * vp[0]);
    assertEquals(elbo, va[0], 4 * sdA / Math.sqrt(reps));
    assertEquals(elbo, vp[0], 4 * sdP / Math.sqrt(reps));
    for (int j = 0; j < 3; j++) {
      assertEquals(gp[j], ga[j], 0.05 * (1 + Math.abs(gp[j])), "gradient " + j);
    }
  }

  @Test
  void theKlWeightChangesTheGradientButNotTheReportedElbo() {
    LocalGaussian.Model1 m = new LocalGaussian.Model1();
    LocalGaussian.Guide q = new LocalGaussian.Guide(0.2, 0.3, 1.0);
    ReparamAnalyticEstimator est = new ReparamAnalyticEstimator(1);
    q.params.zeroGrad();
    double full = est.estimate(m, q, batch(), Rng.seeded(4)).value();
    double gc = q.c.grad().data[0];
    m.alpha = 0.0;
    q.params.zeroGrad();
    double weighted = est.estimate(m, q, batch(), Rng.seeded(4)).value();
    assertEquals(full, weighted, 0.0);
    // with α = 0 the surrogate drops −KL, whose derivative in c is −(N/B) Σ_i μ_i
    double dKl = 0;
    for (double x : X) {
      dKl += 0.2 * x + 0.3;
    }
    assertEquals(gc + dKl, q.c.grad().data[0], 1e-9);
  }

  @Test
  void refusesModelsWithoutPerRowTermsNamingWhatWouldWork() {
    LocalGaussian.Guide q = new LocalGaussian.Guide(0.2, 0.3, 1.0);
    org.vi4j.core.spi.Model global = new org.vi4j.estimators.testing.NormalNormalModel(
        new double[][] {{1.0}}, 1.0, 1.0, new double[] {0.0}, true);
    String msg = String.join("; ", new IwaeEstimator(5).check(global, q));
    assertTrue(msg.contains("PointwiseLogJoint") && msg.contains("LOCAL"), msg);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new IwaeEstimator(0))
        .getMessage().contains("samples must be > 0"));
  }
}
