package org.vi4j.optimizers.adam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.optimizers.fixtures.HandProblem;
import org.vi4j.optimizers.schedule.ConstantRate;

/**
 * Adam against hand-computed values on {@link HandProblem} (x0 = (1, −1), G1 = (0.5, −2),
 * G2 = (1, 0.25), G3 = (−0.3, 4)), with lr 0.1 and the paper's β₁ 0.9, β₂ 0.999, ε 1e-8.
 */
class AdamTest extends Vi4jTestBase {

  @Test
  void firstStepMovesEachCoordinateByAboutLrTimesSign() {
    // k = 1: m̂ = g, v̂ = g², so Δ = 0.1 g / (|g| + 1e-8)
    HandProblem p = new HandProblem();
    double[] x = p.step(new Adam(0.1));
    assertEquals(1 + 0.1 * 0.5 / (0.5 + 1e-8), x[0], 1e-15);
    assertEquals(-1 - 0.1 * 2 / (2 + 1e-8), x[1], 1e-15);
    assertEquals(1.1, x[0], 1e-8);
    assertEquals(-1.1, x[1], 1e-8);
  }

  @Test
  void threeStepsFollowAlgorithmOne() {
    HandProblem p = new HandProblem();
    Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8, new ConstantRate());
    double[] m = new double[2];
    double[] v = new double[2];
    double[] x = HandProblem.X0.clone();
    for (int k = 1; k <= 3; k++) {
      double[] got = p.step(adam);
      for (int i = 0; i < 2; i++) {
        double g = HandProblem.G[k - 1][i];
        m[i] = 0.9 * m[i] + 0.1 * g;
        v[i] = 0.999 * v[i] + 0.001 * g * g;
        double mHat = m[i] / (1 - Math.pow(0.9, k));
        double vHat = v[i] / (1 - Math.pow(0.999, k));
        x[i] += 0.1 * mHat / (Math.sqrt(vHat) + 1e-8);
      }
      assertArrayEquals(x, got, 1e-13, "after step " + k);
    }
    // step 2 of coordinate a by hand: m = .145, v = .00124975, m̂ = .145/.19, v̂ = .00124975/.001999
    double a2 = 1.1 + 0.1 * (0.145 / 0.19) / Math.sqrt(0.00124975 / 0.001999);
    HandProblem q = new HandProblem();
    Adam fresh = new Adam(0.1);
    q.step(fresh);
    assertEquals(a2, q.step(fresh)[0], 1e-8);
    assertEquals(2, fresh.updates());
  }

  @Test
  void refusesBadConfiguration() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Adam(0.1, 1.0, 0.999, 1e-8, new ConstantRate()));
    assertTrue(e.getMessage().contains("adam: beta1 must be in [0, 1), got 1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Adam(0.1, 0.9, 0.999, 0.0, new ConstantRate()));
    assertTrue(e.getMessage().contains("eps must be finite and > 0"), e.getMessage());
  }
}
