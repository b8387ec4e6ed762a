package org.vi4j.core.distributions;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;

class TruncatedNormalTest extends DistributionContractTest {

  @Override
  Distribution makeDistribution(Tensor... p) {
    return TruncatedNormal.of(p[0], p[1], LOWER);
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
    return "truncatednormal";
  }

  /** The lower bound of the reference files (generate_reference.py). */
  static final double LOWER = 0.5;

  @Test
  void infiniteLowerBoundIsRefused() {
    DistributionException e = assertThrows(DistributionException.class,
        () -> TruncatedNormal.of(0, 1, Double.NaN));
    assertTrue(e.getMessage().contains("TruncatedNormal") && e.getMessage().contains("lower"));
  }
}
