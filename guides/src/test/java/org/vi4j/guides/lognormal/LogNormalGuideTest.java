package org.vi4j.guides.lognormal;

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
class LogNormalGuideTest extends Vi4jTestBase {

  private final LogNormalGuide q =
      new LogNormalGuide(LatentsOnlyModel.of("rate", 2, Support.POSITIVE).latents(), 0.0, 0.1);

  private void set(double[] loc, double[] raw) {
    System.arraycopy(loc, 0, q.parameters().get("rate.loc").value().data, 0, 2);
    System.arraycopy(raw, 0, q.parameters().get("rate.scale_raw").value().data, 0, 2);
  }

  @Test
  void logQ_isTheLogNormalDensity() {
    set(new double[] {0.4, -0.3}, new double[] {-0.2, 0.6});
    Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(2), 5);
    double[] s = q.scale("rate");
    double[] mu = {0.4, -0.3};
    for (int p = 0; p < 5; p++) {
      double lq = 0;
      for (int j = 0; j < 2; j++) {
        double z = d.z().get("rate").get(p, j);
        double x = (Math.log(z) - mu[j]) / s[j];
        lq += -0.5 * x * x - Math.log(s[j]) - 0.5 * Math.log(2 * Math.PI) - Math.log(z);
      }
      assertEquals(lq, d.logQ().get(p, 0), 1e-12);
    }
  }

  @Test
  void pathwiseGradients_ofTheMean_matchTheClosedForm() {
    // E[z] = exp(μ + σ²/2): ∂/∂μ = E[z], ∂/∂ρ = E[z]·σ·sigmoid(ρ).
    double[] mu = {0.4, -0.3};
    double[] rho = {-0.2, 0.6};
    set(mu, rho);
    Param loc = q.parameters().get("rate.loc");
    Param raw = q.parameters().get("rate.scale_raw");
    Estimate[] e = MonteCarloGradient.estimate(q, d -> d.z().get("rate").sumRows(),
        Rng.seeded(13), 40, 500, loc, raw);
    double[] s = q.scale("rate");
    double[] mean = {Math.exp(mu[0] + s[0] * s[0] / 2), Math.exp(mu[1] + s[1] * s[1] / 2)};
    MonteCarloGradient.assertAgrees("d/dloc", mean, e[0]);
    MonteCarloGradient.assertAgrees("d/dscale_raw", new double[] {
        mean[0] * s[0] / (1 + Math.exp(-rho[0])), mean[1] * s[1] / (1 + Math.exp(-rho[1]))}, e[1]);
  }
}
