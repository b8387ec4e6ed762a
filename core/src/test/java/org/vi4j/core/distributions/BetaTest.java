package org.vi4j.core.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;

class BetaTest extends DistributionContractTest {

  @Override
  Distribution makeDistribution(Tensor... p) {
    return Beta.of(p[0], p[1]);
  }

  @Override
  String[] getParameterNames() {
    return new String[] {"a", "b"};
  }

  @Override
  List<Invalid> makeInvalidParameters() {
    return List.of(
        new Invalid("a", "0.0", new double[] {0}, new double[] {1}),
        new Invalid("b", "-1.0", new double[] {1}, new double[] {-1}),
        new Invalid("b", "NaN", new double[] {1}, new double[] {Double.NaN}));
  }

  @Override
  String referenceName() {
    return "beta";
  }

  /**
   * At x = 0.999 a step of 1e-5·x is 1% of 1 − x, too coarse for log(1 − x); 1e-7 keeps the
   * truncation error ~1e-8 and the round-off ~1e-9.
   */
  @Override
  double gradientStep() {
    return 1e-7;
  }

  /** Shapes below 1 go through the log-space sampler in sample(); rsample must agree in mean. */
  @Test
  void smallShapesKeepDrawsInTheUnitInterval() {
    Beta b = Beta.of(0.3, 0.4);
    double[] z = b.rsample(Rng.seeded(5), 5000).toArray();
    for (double v : z) {
      assertTrue(v >= 0 && v <= 1, "draw " + v);
    }
    assertMeanWithinMcError(b.mean().item(), z, "Beta(0.3, 0.4) rsample mean");
    assertEquals(Support.UNIT_INTERVAL, b.support());
  }
}
