package org.vi4j.guides.truncatednormal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.distributions.TruncatedNormal;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.guides.fixtures.LatentsOnlyModel;
import org.vi4j.guides.fixtures.MonteCarloGradient;
import org.vi4j.guides.fixtures.MonteCarloGradient.Estimate;

/**
 * Pathwise gradients are checked within {@value MonteCarloGradient#SIGMAS} Monte Carlo standard
 * errors against the derivatives of the closed-form mean and variance ({@link TruncatedNormal#mean},
 * {@link TruncatedNormal#variance}, differentiated by the tape).
 */
class TruncatedNormalGuideTest extends Vi4jTestBase {

  private static final LatentSpec SPEC = LatentsOnlyModel.of("z", 2, Support.POSITIVE).latents();

  @Test
  void draws_respectTheLowerBound() {
    TruncatedNormalGuide q = new TruncatedNormalGuide(SPEC, -1.0, 1.0, 0.5);
    assertEquals(0.5, q.lower());
    assertEquals(0.5, q.factor("z").lower());
    Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(3), 1000);
    for (double v : d.z().get("z").toArray()) {
      assertTrue(v >= 0.5, "draw " + v);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TruncatedNormalGuide(SPEC, 0.0, 1.0, -0.1));
    assertTrue(e.getMessage().contains("lower") && e.getMessage().contains(">= 0"), e.getMessage());
  }

  @Test
  void pathwiseGradients_ofTheFirstTwoMoments_matchTheClosedForm() {
    TruncatedNormalGuide q = new TruncatedNormalGuide(SPEC, 0.0, 1.0, 0.0);
    System.arraycopy(new double[] {0.8, -0.6}, 0, q.parameters().get("z.loc").value().data, 0, 2);
    System.arraycopy(new double[] {0.3, -0.4}, 0, q.parameters().get("z.scale_raw").value().data, 0, 2);
    Param loc = q.parameters().get("z.loc");
    Param raw = q.parameters().get("z.scale_raw");
    for (int moment = 1; moment <= 2; moment++) {
      double[][] analytic = closedFormGradient(q, moment, loc, raw);
      int m = moment;
      Estimate[] e = MonteCarloGradient.estimate(q,
          d -> m == 1 ? d.z().get("z").sumRows() : d.z().get("z").square().sumRows(),
          Rng.seeded(16 + moment), 40, 500, loc, raw);
      MonteCarloGradient.assertAgrees("E[z^" + m + "] d/dloc", analytic[0], e[0]);
      MonteCarloGradient.assertAgrees("E[z^" + m + "] d/dscale_raw", analytic[1], e[1]);
    }
  }

  /** ∇ of Σ E[z] (moment 1) or Σ (Var z + E[z]²) (moment 2) from the closed forms. */
  private static double[][] closedFormGradient(TruncatedNormalGuide q, int moment, Param loc,
      Param raw) {
    q.parameters().zeroGrad();
    try (Tape tape = Tape.record()) {
      tape.watch(q.parameters());
      TruncatedNormal f = q.factor("z");
      var value = moment == 1 ? f.mean() : f.variance().add(f.mean().square());
      tape.backward(value.sum());
    }
    double[][] g = {loc.grad().data.clone(), raw.grad().data.clone()};
    q.parameters().zeroGrad();
    return g;
  }
}
