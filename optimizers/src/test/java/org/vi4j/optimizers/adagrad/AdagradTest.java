package org.vi4j.optimizers.adagrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.optimizers.fixtures.HandProblem;
import org.vi4j.optimizers.schedule.ConstantRate;

/** AdaGrad against hand-computed values on {@link HandProblem}; s ← s + g², x ← x + η g/(√s + ε). */
class AdagradTest extends Vi4jTestBase {

  @Test
  void threeStepsWithZeroAccumulator() {
    HandProblem p = new HandProblem();
    Adagrad ada = new Adagrad(0.1);
    // step 1: s = (.25, 4), Δ = .1·(.5/.5, −2/2) = (.1, −.1)
    assertArrayEquals(new double[] {1.1, -1.1}, p.step(ada), 1e-9);
    // step 2: s = (1.25, 4.0625), Δ = .1·(1/√1.25, .25/√4.0625)
    double[] x2 = {1.1 + 0.1 / Math.sqrt(1.25), -1.1 + 0.025 / Math.sqrt(4.0625)};
    assertArrayEquals(x2, p.step(ada), 1e-9);
    // step 3: s = (1.34, 20.0625), Δ = .1·(−.3/√1.34, 4/√20.0625)
    double[] x3 = {x2[0] - 0.03 / Math.sqrt(1.34), x2[1] + 0.4 / Math.sqrt(20.0625)};
    assertArrayEquals(x3, p.step(ada), 1e-9);
  }

  @Test
  void initialAccumulatorAndEpsEnterAsWritten() {
    HandProblem p = new HandProblem();
    Adagrad ada = new Adagrad(0.1, 0.5, 3.0, new ConstantRate());
    // s = 3 + g² = (3.25, 7); x = x0 + .1 g / (√s + .5)
    double[] x = p.step(ada);
    assertEquals(1 + 0.05 / (Math.sqrt(3.25) + 0.5), x[0], 1e-15);
    assertEquals(-1 - 0.2 / (Math.sqrt(7.0) + 0.5), x[1], 1e-15);
  }

  @Test
  void refusesNegativeAccumulator() {
    assertThrows(IllegalArgumentException.class, () -> new Adagrad(0.1, 1e-10, -1, new ConstantRate()));
  }
}
