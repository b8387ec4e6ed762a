package org.vi4j.core.distributions;


import java.util.List;
import org.vi4j.core.autodiff.Tensor;

class GammaTest extends DistributionContractTest {

  @Override
  Distribution makeDistribution(Tensor... p) {
    return Gamma.of(p[0], p[1]);
  }

  @Override
  String[] getParameterNames() {
    return new String[] {"shape", "rate"};
  }

  @Override
  List<Invalid> makeInvalidParameters() {
    return List.of(
        new Invalid("shape", "0.0", new double[] {0}, new double[] {1}),
        new Invalid("rate", "-1.0", new double[] {1}, new double[] {-1}),
        new Invalid("rate", "NaN", new double[] {1}, new double[] {Double.NaN}),
        new Invalid("shape", "NaN", new double[] {Double.NaN}, new double[] {1}));
  }

  @Override
  String referenceName() {
    return "gamma";
  }

}
