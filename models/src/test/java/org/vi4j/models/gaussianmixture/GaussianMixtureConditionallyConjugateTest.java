package org.vi4j.models.gaussianmixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ConditionallyConjugate;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.models.laplacemixture.LaplaceMixtureData;

/**
 * The Gaussian mixture's {@link ConditionallyConjugate} side (what {@code svi} drives) agrees with
 * its {@link org.vi4j.core.spi.ConjugateUpdates} side (what {@code cavi} drives) and with its
 * closed-form ELBO.
 */
class GaussianMixtureConditionallyConjugateTest extends Vi4jTestBase {

  static final double[] X = LaplaceMixtureData.experiment(LaplaceMixtureData.SEED).train();

  private static Map<String, Tensor> global(GaussianMixtureModel m, GaussianMixtureGuide q,
      Batch b) {
    Map<String, Tensor> g = new LinkedHashMap<>();
    for (String l : m.globalLatents()) {
      g.put(l, q.naturalParameters(l, b));
    }
    return g;
  }

  /**
   * With the responsibilities the local step writes, λ̂ from its statistics is exactly each global
   * factor's closed-form update at the same state, for the full data (s = 1) and a minibatch.
   */
  @Test
  void globalOptimumIsTheCoordinateUpdateAtTheSameState() {
    GaussianMixtureModel m = GaussianMixtureModel.withDefaultPriors(X, 4);
    GaussianMixtureGuide q = new GaussianMixtureGuide(m, Rng.seeded(8));
    Batch all = Batch.full(m.observed());
    for (int t = 0; t < 3; t++) {
      GaussianMixtureModelTest.sweep(m, q);
    }
    int[] rows = {3, 17, 40, 41, 99, 150, 151, 199};
    double[][] xs = new double[rows.length][1];
    for (int i = 0; i < rows.length; i++) {
      xs[i][0] = X[rows[i]];
    }
    for (Batch b : new Batch[] {all, Batch.of(Tensor.of(xs), rows, X.length)}) {
      ConditionallyConjugate.LocalResult r = m.localStep(global(m, q, b)).run(b);
      r.localNaturalParameters().forEach((l, eta) -> q.setNaturalParameters(l, b, eta));
      double[] stats = new double[m.statisticsLength()];
      r.addStatisticsTo(stats);
      Map<String, Tensor> hat = m.globalOptimum(stats, b.scale(), global(m, q, b));
      for (String latent : m.globalLatents()) {
        double[] expected = m.optimalNaturalParameters(latent, q, b).toArray();
        double[] got = hat.get(latent).toArray();
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], got[i], 1e-10 * (1 + Math.abs(expected[i])),
              latent + "[" + i + "], batch of " + b.size());
        }
      }
      // and the local step's responsibilities are the assignment update
      double[] r1 = q.expectedSufficientStatistics("assignment", b).toArray();
      q.setNaturalParameters("assignment", b, m.optimalNaturalParameters("assignment", q, b));
      double[] r2 = q.expectedSufficientStatistics("assignment", b).toArray();
      for (int i = 0; i < r1.length; i++) {
        assertEquals(r2[i], r1[i], 1e-12);
      }
    }
  }

  /** Σ local + global, with the responsibilities the step found, is the closed-form ELBO. */
  @Test
  void stepElboIsTheClosedFormElbo() {
    GaussianMixtureModel m = GaussianMixtureModel.withDefaultPriors(X, 3);
    GaussianMixtureGuide q = new GaussianMixtureGuide(m, Rng.seeded(2));
    GaussianMixtureModelTest.sweep(m, q);
    Batch all = Batch.full(m.observed());
    ConditionallyConjugate.LocalStep step = m.localStep(global(m, q, all));
    ConditionallyConjugate.LocalResult r = step.run(all);
    r.localNaturalParameters().forEach((l, eta) -> q.setNaturalParameters(l, all, eta));
    double closed = m.elbo(q);
    assertEquals(closed, r.localElbo() + step.globalElbo(), 1e-9 * Math.abs(closed));
  }

  /** The start's component means differ (from the random responsibilities), so svi can split them. */
  @Test
  void startBreaksTheSymmetryOfTheLocations() {
    GaussianMixtureModel m = GaussianMixtureModel.withDefaultPriors(X, 4);
    double[] loc = new GaussianMixtureGuide(m, Rng.seeded(1)).locMean();
    for (int a = 0; a < loc.length; a++) {
      for (int b = a + 1; b < loc.length; b++) {
        assertTrue(loc[a] != loc[b], java.util.Arrays.toString(loc));
      }
    }
  }
}
