package org.vi4j.core.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;

class DirichletTest extends DistributionContractTest {

  @Override
  Distribution makeDistribution(Tensor... p) {
    return Dirichlet.of(p[0]);
  }

  @Override
  String[] getParameterNames() {
    return new String[] {"concentration"};
  }

  @Override
  List<Invalid> makeInvalidParameters() {
    return List.of(
        new Invalid("concentration", "0.0", new double[] {1, 0, 2}),
        new Invalid("concentration", "-1.0", new double[] {-1, 2}),
        new Invalid("concentration", "NaN", new double[] {1, Double.NaN}));
  }

  @Override
  String referenceName() {
    return "dirichlet";
  }

  /**
   * Steps of 1e-7·x keep a perturbed row within {@link Dirichlet#SIMPLEX_TOLERANCE} of the simplex
   * (the round-off part of the finite difference, ~1e-16/1e-7, stays far below 1e-6).
   */
  @Override
  double gradientStep() {
    return 1e-7;
  }

  @Test
  void beta2IsTheDirichletOfTwo() {
    Tensor x = Tensor.of(new double[][] {{0.3, 0.7}});
    assertEquals(Beta.of(2.0, 3.0).logProb(Tensor.scalar(0.3)).item(),
        Dirichlet.of(2.0, 3.0).logProb(x).item(), 1e-13);
    assertEquals(Beta.of(2.0, 3.0).entropy().item(), Dirichlet.of(2.0, 3.0).entropy().item(), 1e-13);
  }

  @Test
  void valuesMustHaveKColumnsAndDrawsLieOnTheSimplex() {
    Dirichlet d = Dirichlet.of(0.5, 1.0, 3.0);
    assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.row(0.5, 0.5)));
    Tensor z = d.rsample(Rng.seeded(4), 100);
    for (int i = 0; i < 100; i++) {
      double s = 0;
      for (int j = 0; j < 3; j++) {
        assertTrue(z.get(i, j) >= 0);
        s += z.get(i, j);
      }
      assertEquals(1.0, s, 1e-14);
    }
    assertEquals(Support.SIMPLEX, d.support());
  }
}
