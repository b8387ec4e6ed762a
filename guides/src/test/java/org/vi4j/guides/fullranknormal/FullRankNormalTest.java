package org.vi4j.guides.fullranknormal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.guides.fixtures.LatentsOnlyModel;
import org.vi4j.guides.fixtures.MonteCarloGradient;
import org.vi4j.guides.fixtures.MonteCarloGradient.Estimate;

/** Pathwise gradients are checked within {@value MonteCarloGradient#SIGMAS} Monte Carlo standard errors. */
class FullRankNormalTest extends Vi4jTestBase {

  private static final DMatrixRMaj SIGMA = new DMatrixRMaj(new double[][] {
      {2.0, 0.6, -0.3}, {0.6, 1.0, 0.2}, {-0.3, 0.2, 0.5}});

  private final FullRankNormal q =
      new FullRankNormal(LatentsOnlyModel.of("w", 3, Support.REAL).latents(), 0.0, 0.1);

  @Test
  void init_isScaledIdentity_andNotFactorized() {
    DMatrixRMaj expected = CommonOps_DDRM.identity(3);
    CommonOps_DDRM.scale(0.01, expected);
    assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(expected, q.covariance("w"), 1e-15));
    assertFalse(q.as(FactorizedFamily.class).isPresent());
  }

  @Test
  void setCovariance_roundTripsThroughTheCholeskyFactor() {
    q.setCovariance("w", SIGMA);
    assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(SIGMA, q.covariance("w"), 1e-12));
    DMatrixRMaj l = q.scaleTril("w");
    assertEquals(0.0, l.get(0, 1), 0.0);
    assertTrue(l.get(2, 2) > 0);
  }

  @Test
  void setCovariance_refusesNonSpdAndWrongShapes_leavingParametersUnchanged() {
    double[] before = q.parameters().get("w.scale_tril_raw").toArray();
    DMatrixRMaj notPd = new DMatrixRMaj(new double[][] {{1, 2, 0}, {2, 1, 0}, {0, 0, 1}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> q.setCovariance("w", notPd));
    assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("positive definite"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> q.setCovariance("w", new DMatrixRMaj(2, 2)));
    assertTrue(e.getMessage().contains("3x3"), e.getMessage());
    assertArrayEquals(before, q.parameters().get("w.scale_tril_raw").toArray(), 0.0);
  }

  @Test
  void logQ_isTheMultivariateNormalDensity() {
    q.setCovariance("w", SIGMA);
    double[] mu = {0.5, -1.0, 2.0};
    System.arraycopy(mu, 0, q.parameters().get("w.loc").value().data, 0, 3);
    Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(5), 6);
    DMatrixRMaj inv = new DMatrixRMaj(3, 3);
    CommonOps_DDRM.invert(SIGMA, inv);
    double logDet = Math.log(CommonOps_DDRM.det(SIGMA));
    for (int p = 0; p < 6; p++) {
      DMatrixRMaj r = new DMatrixRMaj(3, 1);
      for (int j = 0; j < 3; j++) {
        r.set(j, 0, d.z().get("w").get(p, j) - mu[j]);
      }
      DMatrixRMaj tmp = new DMatrixRMaj(3, 1);
      CommonOps_DDRM.mult(inv, r, tmp);
      double quad = CommonOps_DDRM.dot(r, tmp);
      double expected = -0.5 * quad - 0.5 * logDet - 1.5 * Math.log(2 * Math.PI);
      assertEquals(expected, d.logQ().get(p, 0), 1e-11);
    }
  }

  @Test
  void pathwiseGradients_ofSquaredSum_matchTheClosedForm() {
    // f(z) = (Σ_j z_j)²: E f = (Σμ)² + Σ_j s_j², s = Lᵀ1. ∂/∂μ_j = 2Σμ; ∂/∂L_ij = 2 s_j (i ≥ j),
    // ∂/∂P_ii = 2 s_i sigmoid(P_ii), 0 above the diagonal.
    q.setCovariance("w", SIGMA);
    double[] mu = {0.5, -1.0, 2.0};
    System.arraycopy(mu, 0, q.parameters().get("w.loc").value().data, 0, 3);
    Param loc = q.parameters().get("w.loc");
    Param tril = q.parameters().get("w.scale_tril_raw");
    Estimate[] e = MonteCarloGradient.estimate(q, d -> d.z().get("w").sumRows().square(),
        Rng.seeded(12), 40, 500, loc, tril);
    double sumMu = mu[0] + mu[1] + mu[2];
    MonteCarloGradient.assertAgrees("d/dloc", new double[] {2 * sumMu, 2 * sumMu, 2 * sumMu}, e[0]);
    DMatrixRMaj l = q.scaleTril("w");
    double[] s = new double[3];
    for (int j = 0; j < 3; j++) {
      for (int i = 0; i < 3; i++) {
        s[j] += l.get(i, j);
      }
    }
    double[] expected = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j <= i; j++) {
        double raw = tril.value().get(i, j);
        expected[i * 3 + j] = 2 * s[j] * (i == j ? 1 / (1 + Math.exp(-raw)) : 1.0);
      }
    }
    MonteCarloGradient.assertAgrees("d/dscale_tril_raw", expected, e[1]);
  }
}
