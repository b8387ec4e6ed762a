package org.vi4j.guides.auto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.core.transforms.StickBreakingTransform;
import org.vi4j.guides.fixtures.LatentsOnlyModel;
import org.vi4j.guides.fixtures.MonteCarloGradient;
import org.vi4j.guides.fixtures.MonteCarloGradient.Estimate;
import org.vi4j.guides.internal.GuideMath;

/** Pathwise gradients are checked within {@value MonteCarloGradient#SIGMAS} Monte Carlo standard errors. */
class AutoGuideTest extends Vi4jTestBase {

  @Test
  void positiveLatent_diagonal_isExactlyTheLogNormal() {
    AutoGuide q = new AutoGuide(LatentsOnlyModel.of("rate", 1, Support.POSITIVE).latents(),
        Covariance.DIAGONAL, 0.0, 0.1);
    double mu = 0.4;
    double rho = -0.5;
    q.parameters().get("rate.loc").value().data[0] = mu;
    q.parameters().get("rate.scale_raw").value().data[0] = rho;
    double s = GuideMath.softplus(rho);
    Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(6), 8);
    for (int p = 0; p < 8; p++) {
      double z = d.z().get("rate").get(p, 0);
      double x = (Math.log(z) - mu) / s;
      double logNormal = -0.5 * x * x - Math.log(s) - 0.5 * Math.log(2 * Math.PI) - Math.log(z);
      assertEquals(logNormal, d.logQ().get(p, 0), 1e-12);
    }
  }

  @Test
  void unitIntervalLatent_isTheLogitNormal() {
    AutoGuide q = new AutoGuide(LatentsOnlyModel.of("p", 2, Support.UNIT_INTERVAL).latents(),
        Covariance.DIAGONAL, 0.3, 0.8);
    double s = 0.8;
    Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(7), 5);
    for (int p = 0; p < 5; p++) {
      double lq = 0;
      for (int j = 0; j < 2; j++) {
        double z = d.z().get("p").get(p, j);
        double x = (Math.log(z / (1 - z)) - 0.3) / s;
        lq += -0.5 * x * x - Math.log(s) - 0.5 * Math.log(2 * Math.PI) - Math.log(z) - Math.log1p(-z);
      }
      assertEquals(lq, d.logQ().get(p, 0), 1e-10);
    }
  }

  @Test
  void simplexLatent_fullCovariance_isTheChangeOfVariables() {
    LatentSpec spec = LatentSpec.of(Latent.global("theta", 4, Support.SIMPLEX));
    AutoGuide q = new AutoGuide(spec, Covariance.FULL, 0.0, 0.5);
    assertInstanceOf(StickBreakingTransform.class, q.transform("theta"));
    assertEquals(3, q.parameters().get("theta.loc").cols());
    assertEquals(3, q.parameters().get("theta.scale_tril_raw").rows());
    Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(8), 4);
    StickBreakingTransform t = new StickBreakingTransform();
    Tensor u = t.inverse(d.z().get("theta"));
    Tensor ladj = t.logAbsDetJacobian(u);
    for (int p = 0; p < 4; p++) {
      double lq = 0;
      for (int j = 0; j < 3; j++) {
        double x = u.get(p, j) / 0.5;
        lq += -0.5 * x * x - Math.log(0.5) - 0.5 * Math.log(2 * Math.PI);
      }
      assertEquals(lq - ladj.get(p, 0), d.logQ().get(p, 0), 1e-9);
    }
  }

  @Test
  void realLatent_fullCovariance_isTheMultivariateNormal() {
    AutoGuide q = new AutoGuide(LatentsOnlyModel.of("w", 2, Support.REAL).latents(),
        Covariance.FULL, 0.0, 1.0);
    DMatrixRMaj p = q.parameters().get("w.scale_tril_raw").value();
    p.set(1, 0, 0.7);
    p.set(1, 1, GuideMath.inverseSoftplus(0.5));
    DMatrixRMaj cov = new DMatrixRMaj(new double[][] {{1, 0.7}, {0.7, 0.49 + 0.25}});
    DMatrixRMaj inv = new DMatrixRMaj(2, 2);
    CommonOps_DDRM.invert(cov, inv);
    Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(9), 5);
    for (int r = 0; r < 5; r++) {
      double a = d.z().get("w").get(r, 0);
      double b = d.z().get("w").get(r, 1);
      double quad = a * a * inv.get(0, 0) + 2 * a * b * inv.get(0, 1) + b * b * inv.get(1, 1);
      double expected = -0.5 * quad - 0.5 * Math.log(CommonOps_DDRM.det(cov)) - Math.log(2 * Math.PI);
      assertEquals(expected, d.logQ().get(r, 0), 1e-12);
    }
  }

  @Test
  void pathwiseGradients_ofThePositiveMean_matchTheLogNormalClosedForm() {
    // E[z] = exp(μ + σ²/2): ∂/∂μ = E[z], ∂/∂ρ = E[z]·σ·sigmoid(ρ).
    AutoGuide q = new AutoGuide(LatentsOnlyModel.of("rate", 2, Support.POSITIVE).latents(),
        Covariance.DIAGONAL, 0.0, 0.1);
    double[] mu = {0.2, -0.4};
    double[] rho = {0.1, -0.9};
    System.arraycopy(mu, 0, q.parameters().get("rate.loc").value().data, 0, 2);
    System.arraycopy(rho, 0, q.parameters().get("rate.scale_raw").value().data, 0, 2);
    Param loc = q.parameters().get("rate.loc");
    Param raw = q.parameters().get("rate.scale_raw");
    Estimate[] e = MonteCarloGradient.estimate(q, d -> d.z().get("rate").sumRows(),
        Rng.seeded(18), 40, 500, loc, raw);
    double[] expLoc = new double[2];
    double[] expRaw = new double[2];
    for (int j = 0; j < 2; j++) {
      double s = GuideMath.softplus(rho[j]);
      double mean = Math.exp(mu[j] + s * s / 2);
      expLoc[j] = mean;
      expRaw[j] = mean * s / (1 + Math.exp(-rho[j]));
    }
    MonteCarloGradient.assertAgrees("d/dloc", expLoc, e[0]);
    MonteCarloGradient.assertAgrees("d/dscale_raw", expRaw, e[1]);
  }
}
