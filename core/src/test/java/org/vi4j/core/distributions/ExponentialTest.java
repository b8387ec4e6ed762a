package org.vi4j.core.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;

class ExponentialTest extends DistributionContractTest {

  @Override
  Distribution makeDistribution(Tensor... p) {
    return Exponential.of(p[0]);
  }

  @Override
  String[] getParameterNames() {
    return new String[] {"rate"};
  }

  @Override
  List<Invalid> makeInvalidParameters() {
    return List.of(
        new Invalid("rate", "0.0", new double[] {0}),
        new Invalid("rate", "-1.5", new double[] {-1.5}),
        new Invalid("rate", "NaN", new double[] {Double.NaN}),
        new Invalid("rate", "Infinity", new double[] {Double.POSITIVE_INFINITY}));
  }

  @Override
  String referenceName() {
    return "exponential";
  }

  @Test
  void isGammaWithShapeOne() {
    Tensor x = Tensor.column(0.0, 0.3, 2.0, -1.0);
    double[] e = Exponential.of(1.5).logProb(x).toArray();
    double[] g = Gamma.of(1.0, 1.5).logProb(x).toArray();
    for (int k = 0; k < e.length; k++) {
      assertEquals(g[k], e[k], 1e-15);
    }
  }
}
