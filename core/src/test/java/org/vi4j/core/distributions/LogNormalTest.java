package org.vi4j.core.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;

class LogNormalTest extends DistributionContractTest {

  @Override
  Distribution makeDistribution(Tensor... p) {
    return LogNormal.of(p[0], p[1]);
  }

  @Override
  String[] getParameterNames() {
    return new String[] {"loc", "scale"};
  }

  @Override
  List<Invalid> makeInvalidParameters() {
    return List.of(
        new Invalid("scale", "0.0", new double[] {0}, new double[] {0}),
        new Invalid("scale", "NaN", new double[] {0}, new double[] {Double.NaN}),
        new Invalid("loc", "NaN", new double[] {Double.NaN}, new double[] {1}));
  }

  @Override
  String referenceName() {
    return "lognormal";
  }

  @Test
  void isTheExpOfANormal() {
    double x = 1.7;
    assertEquals(Normal.of(0.2, 0.5).logProb(Tensor.scalar(Math.log(x))).item() - Math.log(x),
        LogNormal.of(0.2, 0.5).logProb(Tensor.scalar(x)).item(), 1e-14);
    assertEquals(Support.POSITIVE, LogNormal.of(0, 1).support());
  }
}
