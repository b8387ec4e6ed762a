package org.vi4j.optimizers.rmsprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.optimizers.fixtures.HandProblem;
import org.vi4j.optimizers.schedule.ConstantRate;

/** RMSprop (PyTorch semantics) against hand-computed values on {@link HandProblem}. */
class RmsPropTest extends Vi4jTestBase {

  @Test
  void firstStepByHand() {
    // v = .01 g² = (.0025, .04); Δ = .01 g / (√v + 1e-8) = .01 g / (.1 |g| + 1e-8) ≈ .1 sign(g)
    HandProblem p = new HandProblem();
    double[] x = p.step(new RmsProp(0.01));
    assertEquals(1 + 0.01 * 0.5 / (0.05 + 1e-8), x[0], 1e-14);
    assertEquals(-1 - 0.01 * 2 / (0.2 + 1e-8), x[1], 1e-14);
  }

  @Test
  void threeStepsEachVariant() {
    for (boolean centered : new boolean[] {false, true}) {
      for (double mu : new double[] {0.0, 0.5}) {
        HandProblem p = new HandProblem();
        RmsProp opt = new RmsProp(0.01, 0.9, 1e-6, mu, centered, new ConstantRate());
        double[] v = new double[2];
        double[] a = new double[2];
        double[] b = new double[2];
        double[] x = HandProblem.X0.clone();
        for (int k = 1; k <= 3; k++) {
          double[] got = p.step(opt);
          for (int i = 0; i < 2; i++) {
            double g = HandProblem.G[k - 1][i];
            v[i] = 0.9 * v[i] + 0.1 * g * g;
            a[i] = 0.9 * a[i] + 0.1 * g;
            double d = (centered ? Math.sqrt(v[i] - a[i] * a[i]) : Math.sqrt(v[i])) + 1e-6;
            if (mu > 0) {
              b[i] = mu * b[i] + g / d;
              x[i] += 0.01 * b[i];
            } else {
              x[i] += 0.01 * g / d;
            }
          }
          assertArrayEquals(x, got, 1e-13, "centered=" + centered + " mu=" + mu + " step " + k);
        }
      }
    }
  }

  @Test
  void centeredFirstStepByHand() {
    // α = .9: v = .1 g², a = .1 g, v − a² = .09 g², d = .3 |g| + ε: Δ = lr g / (.3|g| + ε)
    HandProblem p = new HandProblem();
    double[] x = p.step(new RmsProp(0.03, 0.9, 1e-8, 0.0, true, new ConstantRate()));
    assertEquals(1.1, x[0], 1e-8);
    assertEquals(-1.1, x[1], 1e-8);
  }
}
