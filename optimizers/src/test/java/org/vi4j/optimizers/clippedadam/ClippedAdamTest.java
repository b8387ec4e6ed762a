package org.vi4j.optimizers.clippedadam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.optimizers.fixtures.HandProblem;
import org.vi4j.optimizers.schedule.ConstantRate;

/**
 * Clipped Adam against Pyro's update written out by hand on {@link HandProblem}, with clip norm
 * 1 (so G1's −2 and G3's 4 are clamped) and lrd 0.5.
 */
class ClippedAdamTest extends Vi4jTestBase {

  @Test
  void threeStepsFollowPyro() {
    HandProblem p = new HandProblem();
    ClippedAdam opt = new ClippedAdam(0.1, 0.9, 0.999, 1e-8, 1.0, 0.5, new ConstantRate());
    double[] m = new double[2];
    double[] v = new double[2];
    double[] x = HandProblem.X0.clone();
    double lr = 0.1;
    for (int k = 1; k <= 3; k++) {
      double[] got = p.step(opt);
      lr *= 0.5;                                              // Pyro: group['lr'] *= lrd first
      for (int i = 0; i < 2; i++) {
        double g = Math.max(-1, Math.min(1, HandProblem.G[k - 1][i]));   // grad.clamp_(-c, c)
        m[i] = 0.9 * m[i] + 0.1 * g;
        v[i] = 0.999 * v[i] + 0.001 * g * g;
        double stepSize = lr * Math.sqrt(1 - Math.pow(0.999, k)) / (1 - Math.pow(0.9, k));
        x[i] += stepSize * m[i] / (Math.sqrt(v[i]) + 1e-8);
      }
      assertArrayEquals(x, got, 1e-13, "after step " + k);
    }
    // the norm is reported before clipping
    assertEquals(Math.hypot(-0.3, 4.0), p.lastReport().gradientNorm(), 1e-15);
  }

  @Test
  void firstStepByHand() {
    // k = 1, lr·lrd = .05, √(1−.999)/(1−.9) = √.001/.1; m = .1 ĝ, √v = √.001 |ĝ|
    // so Δ ≈ .05 sign(ĝ) (ε aside); b's gradient −2 is clamped to −1 and moves the same
    HandProblem p = new HandProblem();
    double[] x = p.step(new ClippedAdam(0.1, 0.9, 0.999, 1e-8, 1.0, 0.5, new ConstantRate()));
    assertEquals(1.05, x[0], 1e-6);
    assertEquals(-1.05, x[1], 1e-6);
  }

  @Test
  void defaultsMatchPyro() {
    ClippedAdam opt = new ClippedAdam(1e-3);
    assertEquals(0.9, opt.beta1());
    assertEquals(0.999, opt.beta2());
    assertEquals(1e-8, opt.eps());
    assertEquals(10.0, opt.clipNorm());
    assertEquals(1.0, opt.lrd());
  }
}
