package org.vi4j.core.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;

class NormalTest extends DistributionContractTest {

  @Override
  Distribution makeDistribution(Tensor... p) {
    return Normal.of(p[0], p[1]);
  }

  @Override
  String[] getParameterNames() {
    return new String[] {"loc", "scale"};
  }

  @Override
  List<Invalid> makeInvalidParameters() {
    return List.of(
        new Invalid("scale", "0.0", new double[] {0}, new double[] {0}),
        new Invalid("scale", "-1.0", new double[] {0}, new double[] {-1}),
        new Invalid("scale", "NaN", new double[] {0}, new double[] {Double.NaN}),
        new Invalid("loc", "NaN", new double[] {Double.NaN}, new double[] {1}),
        new Invalid("loc", "Infinity", new double[] {Double.POSITIVE_INFINITY}, new double[] {1}));
  }

  @Override
  String referenceName() {
    return "normal";
  }

  @Test
  void scalarFactoryMatchesTensorFactory() {
    assertEquals(Normal.of(Tensor.scalar(0.5), Tensor.scalar(2)).logProb(Tensor.scalar(1)).item(),
        Normal.of(0.5, 2).logProb(Tensor.scalar(1)).item());
    assertEquals(Support.REAL, Normal.of(0, 1).support());
  }
}
