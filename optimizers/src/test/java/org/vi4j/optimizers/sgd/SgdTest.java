package org.vi4j.optimizers.sgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.optimizers.fixtures.HandProblem;
import org.vi4j.optimizers.schedule.ConstantRate;

/**
 * SGD against hand-computed values on {@link HandProblem}: x0 = (1, −1), G1 = (0.5, −2),
 * G2 = (1, 0.25), G3 = (−0.3, 4); ascent x ← x + η d.
 */
class SgdTest extends Vi4jTestBase {

  private static final double TOL = 1e-14;

  @Test
  void plain() {
    // x ← x + 0.1 g
    HandProblem p = new HandProblem();
    Sgd sgd = new Sgd(0.1);
    assertArrayEquals(new double[] {1.05, -1.2}, p.step(sgd), TOL);       // 1 + .05, −1 − .2
    assertArrayEquals(new double[] {1.15, -1.175}, p.step(sgd), TOL);     // + .1, + .025
    assertArrayEquals(new double[] {1.12, -0.775}, p.step(sgd), TOL);     // − .03, + .4
    assertEquals(Math.hypot(-0.3, 4.0), p.lastReport().gradientNorm(), 1e-15);
  }

  @Test
  void heavyBallMomentum() {
    // b ← 0.9 b + g (b1 = g1); x ← x + 0.1 b
    HandProblem p = new HandProblem();
    Sgd sgd = new Sgd(0.1, 0.9, false, new ConstantRate());
    assertArrayEquals(new double[] {1.05, -1.2}, p.step(sgd), TOL);       // b = (.5, −2)
    assertArrayEquals(new double[] {1.195, -1.355}, p.step(sgd), TOL);    // b = (1.45, −1.55)
    assertArrayEquals(new double[] {1.2955, -1.0945}, p.step(sgd), TOL);  // b = (1.005, 2.605)
  }

  @Test
  void nesterovMomentum() {
    // b ← 0.9 b + g; x ← x + 0.1 (g + 0.9 b)
    HandProblem p = new HandProblem();
    Sgd sgd = new Sgd(0.1, 0.9, true, new ConstantRate());
    assertArrayEquals(new double[] {1.095, -1.38}, p.step(sgd), TOL);       // d = (.95, −3.8)
    assertArrayEquals(new double[] {1.3255, -1.4945}, p.step(sgd), TOL);    // d = (2.305, −1.145)
    assertArrayEquals(new double[] {1.38595, -0.86005}, p.step(sgd), TOL);  // d = (.6045, 6.3445)
  }

  @Test
  void refusesBadConfiguration() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Sgd(0.1, 0.0, true, new ConstantRate()));
    assertTrue(e.getMessage().contains("nesterov=true needs momentum > 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Sgd(Double.NaN));
    assertTrue(e.getMessage().contains("lr must be finite and > 0, got NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Sgd(0.1, 1.0, false, new ConstantRate()));
    assertTrue(e.getMessage().contains("momentum must be in [0, 1), got 1.0"), e.getMessage());
  }
}
