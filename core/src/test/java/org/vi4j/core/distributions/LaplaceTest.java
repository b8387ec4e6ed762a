package org.vi4j.core.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;

class LaplaceTest extends DistributionContractTest {

  @Override
  Distribution makeDistribution(Tensor... p) {
    return Laplace.of(p[0], p[1]);
  }

  @Override
  String[] getParameterNames() {
    return new String[] {"loc", "scale"};
  }

  @Override
  List<Invalid> makeInvalidParameters() {
    return List.of(
        new Invalid("scale", "0.0", new double[] {0}, new double[] {0}),
        new Invalid("scale", "-2.0", new double[] {0}, new double[] {-2}),
        new Invalid("scale", "NaN", new double[] {0}, new double[] {Double.NaN}),
        new Invalid("loc", "NaN", new double[] {Double.NaN}, new double[] {1}));
  }

  @Override
  String referenceName() {
    return "laplace";
  }

  @Test
  void scalarFactoryAndSupport() {
    assertEquals(-Math.log(4), Laplace.of(1, 2).logProb(Tensor.scalar(1)).item(), 1e-15);
    assertEquals(Support.REAL, Laplace.of(0, 1).support());
  }
}
