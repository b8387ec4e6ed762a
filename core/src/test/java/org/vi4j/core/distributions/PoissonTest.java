package org.vi4j.core.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;

class PoissonTest extends DistributionContractTest {

  @Override
  Distribution makeDistribution(Tensor... p) {
    return Poisson.of(p[0]);
  }

  @Override
  String[] getParameterNames() {
    return new String[] {"rate"};
  }

  @Override
  List<Invalid> makeInvalidParameters() {
    return List.of(
        new Invalid("rate", "0.0", new double[] {0}),
        new Invalid("rate", "-3.0", new double[] {-3}),
        new Invalid("rate", "NaN", new double[] {Double.NaN}));
  }

  @Override
  String referenceName() {
    return "poisson";
  }

  @Override
  boolean differentiableInValue() {
    return false;
  }

  @Test
  void nonIntegerAndNegativeCountsHaveZeroMassButNanStaysNan() {
    double[] lp = Poisson.of(2.0).logProb(Tensor.column(-1, 0.5, Double.NaN, 3)).toArray();
    assertEquals(Double.NEGATIVE_INFINITY, lp[0]);
    assertEquals(Double.NEGATIVE_INFINITY, lp[1]);
    assertTrue(Double.isNaN(lp[2]));
    assertTrue(Double.isFinite(lp[3]));
    assertEquals(Support.NON_NEGATIVE_INTEGER, Poisson.of(1).support());
    assertTrue(!Poisson.of(1).hasRsample());
  }
}
