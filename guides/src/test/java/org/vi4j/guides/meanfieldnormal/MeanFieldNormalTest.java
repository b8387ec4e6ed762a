package org.vi4j.guides.meanfieldnormal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.guides.fixtures.LatentsOnlyModel;
import org.vi4j.guides.fixtures.MonteCarloGradient;
import org.vi4j.guides.fixtures.MonteCarloGradient.Estimate;

/** Pathwise gradients are checked within {@value MonteCarloGradient#SIGMAS} Monte Carlo standard errors. */
class MeanFieldNormalTest extends Vi4jTestBase {

  private final MeanFieldNormal q =
      new MeanFieldNormal(LatentsOnlyModel.of("w", 2, Support.REAL).latents(), 0.0, 0.1);

  @Test
  void init_setsLocAndSoftplusScale() {
    assertArrayEquals(new double[] {0, 0}, q.parameters().get("w.loc").toArray(), 0.0);
    assertArrayEquals(new double[] {0.1, 0.1}, q.scale("w"), 1e-15);
    assertEquals(2, q.parameters().size());
  }

  @Test
  void logQ_isTheNormalDensity() {
    set(new double[] {0.3, -1.2}, new double[] {0.5, -0.7});
    Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(2), 5);
    double[] s = q.scale("w");
    double[] mu = {0.3, -1.2};
    for (int p = 0; p < 5; p++) {
      double lq = 0;
      for (int j = 0; j < 2; j++) {
        double x = (d.z().get("w").get(p, j) - mu[j]) / s[j];
        lq += -0.5 * x * x - Math.log(s[j]) - 0.5 * Math.log(2 * Math.PI);
      }
      assertEquals(lq, d.logQ().get(p, 0), 1e-12);
    }
  }

  @Test
  void pathwiseGradients_ofMeanSquare_matchTheClosedForm() {
    // E[z_j²] = μ_j² + σ_j²: ∂/∂μ_j = 2μ_j, ∂/∂ρ_j = 2σ_j·sigmoid(ρ_j).
    double[] mu = {0.3, -1.2};
    double[] rho = {0.5, -0.7};
    set(mu, rho);
    Param loc = q.parameters().get("w.loc");
    Param raw = q.parameters().get("w.scale_raw");
    Estimate[] e = MonteCarloGradient.estimate(q, d -> d.z().get("w").square().sumRows(),
        Rng.seeded(11), 40, 500, loc, raw);
    double[] s = q.scale("w");
    MonteCarloGradient.assertAgrees("d/dloc", new double[] {2 * mu[0], 2 * mu[1]}, e[0]);
    MonteCarloGradient.assertAgrees("d/dscale_raw", new double[] {
        2 * s[0] / (1 + Math.exp(-rho[0])), 2 * s[1] / (1 + Math.exp(-rho[1]))}, e[1]);
  }

  private void set(double[] loc, double[] raw) {
    System.arraycopy(loc, 0, q.parameters().get("w.loc").value().data, 0, 2);
    System.arraycopy(raw, 0, q.parameters().get("w.scale_raw").value().data, 0, 2);
  }
}
