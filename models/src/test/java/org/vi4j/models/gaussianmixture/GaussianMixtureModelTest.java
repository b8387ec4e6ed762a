package org.vi4j.models.gaussianmixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.models.laplacemixture.LaplaceMixtureData;

class GaussianMixtureModelTest extends Vi4jTestBase {

  static final double[] X = LaplaceMixtureData.experiment(LaplaceMixtureData.SEED).train();

  /** One CAVI sweep written with the SPI (what the cavi optimizer does with ρ = 1). */
  static void sweep(GaussianMixtureModel m, GaussianMixtureGuide q) {
    Batch all = Batch.full(m.observed());
    for (String latent : m.conjugateLatents()) {
      q.setNaturalParameters(latent, all, m.optimalNaturalParameters(latent, q, all));
    }
  }

  /** The closed-form ELBO equals the Monte Carlo mean of log p(x, z) − log q(z) under q's draws. */
  @Test
  void closedFormElboMatchesMonteCarlo() {
    GaussianMixtureModel m = GaussianMixtureModel.withDefaultPriors(X, 4);
    GaussianMixtureGuide q = new GaussianMixtureGuide(m, Rng.seeded(3));
    for (int t = 0; t < 5; t++) {
      sweep(m, q);
    }
    Batch all = Batch.full(m.observed());
    Draw d = q.draw(all, Rng.seeded(5), 4000);
    double[] v = m.logJoint(d.z(), all).sub(d.logQ()).toArray();
    double mean = Arrays.stream(v).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(v).map(a -> (a - mean) * (a - mean)).sum() / (v.length - 1));
    double se = sd / Math.sqrt(v.length);
    assertEquals(m.elbo(q), mean, 4 * se, "MC " + mean + " ± " + se);
  }

  /** Each coordinate update is the exact optimum: the ELBO never decreases, from 20 random starts. */
  @Test
  void elboNeverDecreasesOver100SweepsFrom20RandomStarts() {
    GaussianMixtureModel m = GaussianMixtureModel.withDefaultPriors(X, 4);
    for (int start = 0; start < 20; start++) {
      GaussianMixtureGuide q = new GaussianMixtureGuide(m, Rng.seeded(100 + start));
      double prev = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < 100; t++) {
        sweep(m, q);
        double e = m.elbo(q);
        assertTrue(Double.isFinite(e));
        assertTrue(e >= prev - 1e-9 * Math.abs(prev), "start " + start + ", sweep " + t + ": " + prev
            + " -> " + e);
        prev = e;
      }
    }
  }

  @Test
  void surplusComponentsGetSmallWeights() {
    GaussianMixtureModel m = GaussianMixtureModel.withDefaultPriors(X, 10);
    GaussianMixtureGuide q = new GaussianMixtureGuide(m, Rng.seeded(1));
    for (int t = 0; t < 300; t++) {
      sweep(m, q);
    }
    double[] w = q.expectedWeights().clone();
    Arrays.sort(w);
    double surplus = 0;
    for (int c = 0; c < 6; c++) {
      surplus += w[c];
      assertTrue(Double.isFinite(w[c]));
    }
    assertTrue(surplus < 0.05, "six smallest weights sum to " + surplus + ": " + Arrays.toString(w));
  }

  @Test
  void refusesBadInputWithWhatAndWhere() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GaussianMixtureModel.withDefaultPriors(new double[] {1, Double.NaN}, 2));
    assertTrue(e.getMessage().contains("data point 1"), e.getMessage());
    GaussianMixtureModel m = GaussianMixtureModel.withDefaultPriors(X, 3);
    GaussianMixtureGuide q = new GaussianMixtureGuide(m, Rng.seeded(1));
    e = assertThrows(IllegalArgumentException.class, () -> q.setNaturalParameters("precision",
        Batch.full(m.observed()), Tensor.row(0, 0, 0, 1, 1, 1)));
    assertTrue(e.getMessage().contains("outside the family"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> m.optimalNaturalParameters("foo", q, Batch.full(m.observed())));
    assertTrue(e.getMessage().contains("accepted"), e.getMessage());
  }
}
