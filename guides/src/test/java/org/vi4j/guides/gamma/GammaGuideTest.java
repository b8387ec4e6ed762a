package org.vi4j.guides.gamma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ConjugateFactors;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.guides.fixtures.LatentsOnlyModel;
import org.vi4j.guides.fixtures.MonteCarloGradient;
import org.vi4j.guides.fixtures.MonteCarloGradient.Estimate;

/**
 * Pathwise gradients and Monte Carlo moments are checked within {@value MonteCarloGradient#SIGMAS}
 * Monte Carlo standard errors.
 */
class GammaGuideTest extends Vi4jTestBase {

  private final GammaGuide q =
      new GammaGuide(LatentsOnlyModel.of("rate", 2, Support.POSITIVE).latents(), 1.0, 1.0);
  private final Batch batch = LatentsOnlyModel.batch();

  @Test
  void init_storesLogShapeAndLogRate() {
    GammaGuide g = new GammaGuide(LatentsOnlyModel.of("rate", 2, Support.POSITIVE).latents(), 2.5, 0.5);
    assertArrayEquals(new double[] {Math.log(2.5), Math.log(2.5)},
        g.parameters().get("rate.log_shape").toArray(), 0.0);
    assertArrayEquals(new double[] {Math.log(0.5), Math.log(0.5)},
        g.parameters().get("rate.log_rate").toArray(), 0.0);
    assertArrayEquals(new double[] {2.5, 2.5}, g.shape("rate"), 1e-15);
    assertArrayEquals(new double[] {0.5, 0.5}, g.rate("rate"), 1e-15);
  }

  @Test
  void naturalParameters_roundTripExactly() {
    Tensor eta = Tensor.row(2.7, 0.1, -3.3, -0.123456789);
    q.setNaturalParameters("rate", batch, eta);
    assertArrayEquals(eta.toArray(), q.naturalParameters("rate", batch).toArray(), 0.0);
    assertArrayEquals(new double[] {3.7, 1.1}, q.shape("rate"), 1e-14);
    assertArrayEquals(new double[] {3.3, 0.123456789}, q.rate("rate"), 1e-14);
    // Once the parameters move (an optimizer step), η is computed from them.
    q.parameters().get("rate.log_rate").value().data[0] = Math.log(2.0);
    assertArrayEquals(new double[] {2.7, 0.1, -2.0, -0.123456789},
        q.naturalParameters("rate", batch).toArray(), 1e-13);
  }

  @Test
  void setNaturalParameters_refusesBadShapesAndValues_leavingParametersUnchanged() {
    double[] before = q.parameters().get("rate.log_shape").toArray();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> q.setNaturalParameters("rate", batch, Tensor.row(1, 2)));
    assertTrue(e.getMessage().contains("1x4") && e.getMessage().contains("'rate'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> q.setNaturalParameters("rate", batch, Tensor.row(0.5, -1.5, -1, -1)));
    assertTrue(e.getMessage().contains("column 1") && e.getMessage().contains("shape"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> q.setNaturalParameters("rate", batch, Tensor.row(0.5, 0.5, -1, 0)));
    assertTrue(e.getMessage().contains("column 3") && e.getMessage().contains("rate"), e.getMessage());
    assertArrayEquals(before, q.parameters().get("rate.log_shape").toArray(), 0.0);
    e = assertThrows(IllegalArgumentException.class, () -> q.naturalParameters("nope", batch));
    assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("[rate]"), e.getMessage());
  }

  @Test
  void expectedSufficientStatistics_areClosedForm_andMatchMonteCarlo() {
    ConjugateFactors cf = q.as(ConjugateFactors.class).orElseThrow();
    cf.setNaturalParameters("rate", batch, Tensor.row(1.5, 0.2, -2.0, -0.5));   // α = 2.5, 1.2; β = 2, 0.5
    double[] t = cf.expectedSufficientStatistics("rate", batch).toArray();
    assertEquals(SpecialFunctions.digamma(2.5) - Math.log(2.0), t[0], 1e-14);
    assertEquals(SpecialFunctions.digamma(1.2) - Math.log(0.5), t[1], 1e-14);
    assertEquals(1.25, t[2], 1e-14);
    assertEquals(2.4, t[3], 1e-14);
    int n = 200_000;
    Draw d = q.draw(batch, Rng.seeded(21), n);
    Tensor z = d.z().get("rate");
    for (int j = 0; j < 2; j++) {
      double[] sum = new double[2];
      double[] sq = new double[2];
      for (int p = 0; p < n; p++) {
        double[] v = {Math.log(z.get(p, j)), z.get(p, j)};
        for (int k = 0; k < 2; k++) {
          sum[k] += v[k];
          sq[k] += v[k] * v[k];
        }
      }
      for (int k = 0; k < 2; k++) {
        double mean = sum[k] / n;
        double se = Math.sqrt((sq[k] / n - mean * mean) / n);
        double expected = t[k * 2 + j];
        assertTrue(Math.abs(mean - expected) <= MonteCarloGradient.SIGMAS * se,
            "statistic " + k + " of column " + j + ": " + mean + " ± " + se + " vs " + expected);
      }
    }
  }

  @Test
  void pathwiseGradients_ofTheFirstTwoMoments_matchTheClosedForm() {
    // a = log α, b = log β. E[z] = α/β: ∂a = α/β, ∂b = −α/β.
    // E[z²] = α(α + 1)/β²: ∂a = α(2α + 1)/β², ∂b = −2α(α + 1)/β².
    q.setNaturalParameters("rate", batch, Tensor.row(1.5, 0.2, -2.0, -0.5));
    double[] a = q.shape("rate");
    double[] b = q.rate("rate");
    Param ls = q.parameters().get("rate.log_shape");
    Param lr = q.parameters().get("rate.log_rate");
    Estimate[] e = MonteCarloGradient.estimate(q, d -> d.z().get("rate").sumRows(),
        Rng.seeded(14), 40, 500, ls, lr);
    MonteCarloGradient.assertAgrees("E[z] d/dlog_shape", new double[] {a[0] / b[0], a[1] / b[1]}, e[0]);
    MonteCarloGradient.assertAgrees("E[z] d/dlog_rate", new double[] {-a[0] / b[0], -a[1] / b[1]}, e[1]);
    e = MonteCarloGradient.estimate(q, d -> d.z().get("rate").square().sumRows(),
        Rng.seeded(15), 40, 500, ls, lr);
    MonteCarloGradient.assertAgrees("E[z²] d/dlog_shape", new double[] {
        a[0] * (2 * a[0] + 1) / (b[0] * b[0]), a[1] * (2 * a[1] + 1) / (b[1] * b[1])}, e[0]);
    MonteCarloGradient.assertAgrees("E[z²] d/dlog_rate", new double[] {
        -2 * a[0] * (a[0] + 1) / (b[0] * b[0]), -2 * a[1] * (a[1] + 1) / (b[1] * b[1])}, e[1]);
  }
}
