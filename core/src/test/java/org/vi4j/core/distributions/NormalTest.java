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

  @Test
  void ofWithPreviousHandsBackTheSameViewButStillValidates() {
    Tensor loc = Tensor.row(0.5, -1.0);
    Tensor scale = Tensor.row(1.0, 2.0);
    Normal first = Normal.of(loc, scale, null);
    org.junit.jupiter.api.Assertions.assertSame(first, Normal.of(loc, scale, first));
    org.junit.jupiter.api.Assertions.assertNotSame(first, Normal.of(loc, Tensor.row(1.0, 2.0), first));
    scale.value().data[1] = -1;                    // the same tensor, now invalid
    org.junit.jupiter.api.Assertions.assertThrows(DistributionException.class,
        () -> Normal.of(loc, scale, first));
  }

  @Test
  void logProbOnATapeWithAConstantScaleMatchesTheEagerValues() {
    Normal prior = Normal.of(Tensor.row(0.0, 1.0), Tensor.row(1.0, 3.0));
    Tensor x = Tensor.of(new double[][] {{0.3, -2.0}, {1.5, 4.0}});
    double[] eager = prior.logProb(x).toArray();
    try (org.vi4j.core.autodiff.Tape t = new org.vi4j.core.autodiff.Tape()) {
      Tensor v = t.watch(Tensor.variable(x.value()));
      org.junit.jupiter.api.Assertions.assertArrayEquals(eager, prior.logProb(v).toArray(), 0.0);
    }
  }
}
