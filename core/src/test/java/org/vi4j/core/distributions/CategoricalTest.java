package org.vi4j.core.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;

class CategoricalTest extends DistributionContractTest {

  @Override
  Distribution makeDistribution(Tensor... p) {
    return Categorical.ofLogits(p[0]);
  }

  @Override
  String[] getParameterNames() {
    return new String[] {"logits"};
  }

  @Override
  List<Invalid> makeInvalidParameters() {
    return List.of(
        new Invalid("logits", "NaN", new double[] {0, Double.NaN, 1}),
        new Invalid("logits", "Infinity", new double[] {Double.POSITIVE_INFINITY, 0}));
  }

  @Override
  String referenceName() {
    return "categorical";
  }

  @Override
  boolean differentiableInValue() {
    return false;
  }

  @Override
  int valueCols(Distribution d) {
    return 1;
  }

  /** One-hot encoding: its mean is the probabilities, its variance p(1 − p). */
  @Override
  double[][] statistic(Distribution d, Tensor draws) {
    double[][] s = new double[draws.rows()][d.cols()];
    for (int i = 0; i < draws.rows(); i++) {
      s[i][(int) draws.get(i, 0)] = 1.0;
    }
    return s;
  }

  @Test
  void intAndTensorLogProbAgreeAndGiveOneValuePerRow() {
    Categorical c = Categorical.ofLogits(0.3, -1.2, 2.0, 0.5);
    Tensor a = c.logProb(new int[] {0, 3, 2});
    Tensor b = c.logProb(Tensor.column(0, 3, 2));
    assertEquals(3, a.rows());
    assertEquals(1, a.cols());
    for (int i = 0; i < 3; i++) {
      assertEquals(a.get(i, 0), b.get(i, 0));
    }
    assertEquals(Support.CATEGORICAL, c.support());
    assertEquals(4, c.eventCols());
  }

  @Test
  void badIndicesAreRefusedNamingRowAndValue() {
    Categorical c = Categorical.ofLogits(0.3, -1.2, 2.0);
    for (double bad : new double[] {1.5, -1, 3, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> c.logProb(Tensor.column(0, bad)));
      assertTrue(e.getMessage().contains("Categorical") && e.getMessage().contains("row 1")
          && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.logProb(new int[] {0, 1, 7}));
    assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("7"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.logProb(Tensor.row(0, 1)));
  }
}
