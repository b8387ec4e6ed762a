package org.vi4j.models.gaussianmixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.ClosedFormElbo;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.models.laplacemixture.LaplaceMixtureData;

/**
 * Both conjugate mixtures expose their analytic ELBO as {@link ClosedFormElbo}, so the inference
 * loop evaluates them exactly (and {@code run.restarts} keeps the best exact ELBO): the value is the
 * model's own {@code elbo(guide)} for its guide, after sweeps too, and empty for any other guide.
 */
class GaussianMixtureClosedFormElboTest extends Vi4jTestBase {

  @Test
  void oneDimensionalMixtureGivesItsAnalyticElboForItsOwnGuideOnly() {
    double[] x = LaplaceMixtureData.experiment(LaplaceMixtureData.SEED).train();
    GaussianMixtureModel m = GaussianMixtureModel.withDefaultPriors(x, 4);
    GaussianMixtureGuide q = new GaussianMixtureGuide(m, Rng.seeded(3));
    ClosedFormElbo c = m.as(ClosedFormElbo.class).orElseThrow();
    for (int t = 0; t < 3; t++) {
      assertEquals(OptionalDouble.of(m.elbo(q)), c.closedFormElbo(q));
      GaussianMixtureModelTest.sweep(m, q);
    }
    GaussianWishartMixtureModel other = GaussianWishartMixtureModel.withDefaultPriors(
        GaussianWishartMixtureModelTest.X, 3);
    assertTrue(c.closedFormElbo(new GaussianWishartMixtureGuide(other, Rng.seeded(1))).isEmpty());
  }

  @Test
  void normalWishartMixtureGivesItsAnalyticElboForItsOwnGuideOnly() {
    GaussianWishartMixtureModel m = GaussianWishartMixtureModel.withDefaultPriors(
        GaussianWishartMixtureModelTest.X, 4);
    GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(m, Rng.seeded(5));
    ClosedFormElbo c = m.as(ClosedFormElbo.class).orElseThrow();
    double v = c.closedFormElbo(q).orElseThrow();
    assertEquals(m.elbo(q), v);
    assertTrue(Double.isFinite(v));
    double[] x = LaplaceMixtureData.experiment(LaplaceMixtureData.SEED).train();
    GaussianMixtureModel oneD = GaussianMixtureModel.withDefaultPriors(x, 4);
    assertTrue(c.closedFormElbo(new GaussianMixtureGuide(oneD, Rng.seeded(2))).isEmpty());
  }
}
