package org.vi4j.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ClosedFormElbo;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.core.testing.Vi4jTestBase;

/** The loop reports a model's {@link ClosedFormElbo} instead of a Monte Carlo evaluation. */
class ClosedFormEvaluationTest extends Vi4jTestBase {

  private static final double[] X = {0.3, 1.9, 1.1, -0.4, 2.2, 0.8, 1.5, 0.1, 1.2, 0.6};

  /** z ~ N(0, 1), x_i ~ N(z, 1), with the ELBO of q = N(m, s²) in closed form. */
  static class Closed implements ClosedFormElbo {
    final Fixtures.NormalNormal model = new Fixtures.NormalNormal(X);
    int calls;

    @Override
    public OptionalDouble closedFormElbo(VariationalFamily q) {
      if (!(q instanceof Fixtures.Guide g)) {
        return OptionalDouble.empty();
      }
      calls++;
      double m = g.loc.item();
      double s2 = Math.exp(2 * g.logScale.item());
      double halfLog2Pi = 0.5 * Math.log(2 * Math.PI);
      double elbo = -halfLog2Pi - 0.5 * (m * m + s2);
      for (double x : X) {
        elbo += -halfLog2Pi - 0.5 * ((x - m) * (x - m) + s2);
      }
      return OptionalDouble.of(elbo + 0.5 * Math.log(2 * Math.PI * Math.E * s2));
    }
  }

  /** The fixture model with the capability (a wrapper that forwards and adds it). */
  static final class WithClosedForm extends Fixtures.NormalNormalDelegate implements ClosedFormElbo {
    final Closed closed;

    WithClosedForm(Closed closed) {
      super(closed.model);
      this.closed = closed;
    }

    @Override
    public OptionalDouble closedFormElbo(VariationalFamily q) {
      return closed.closedFormElbo(q);
    }
  }

  @Test
  void finalAndConvergenceEvaluationsUseTheClosedForm() {
    Closed closed = new Closed();
    WithClosedForm model = new WithClosedForm(closed);
    Fixtures.Guide q = new Fixtures.Guide();
    FitResult fit = Inference.builder().model(model).guide(q).estimator(new Fixtures.Reparam(4))
        .optimizer(new Fixtures.Sgd(0.002, 0.9)).stopAfterSteps(300).convergence(100, 1e-9)
        .seed(7).build().run();
    assertEquals(closed.closedFormElbo(q).getAsDouble(), fit.elbo().value(), 0.0);
    assertEquals(0.0, fit.elbo().standardError());
    assertTrue(Double.isNaN(fit.psis().kHat()), "no draws, no k-hat");
    assertEquals(1 + 3 + 1 + 1, closed.calls, "start + 3 convergence checks + final + this test");

    // and it is the ELBO: the Monte Carlo evaluation agrees within its standard error
    ElboEvaluation.Result mc = ElboEvaluation.evaluate(model, q, Batch.full(model.observed()),
        Rng.seeded(3), 20_000);
    assertEquals(fit.elbo().value(), mc.elbo().value(), 4 * mc.elbo().standardError());
  }

  @Test
  void aGuideWithoutAClosedFormIsEvaluatedByMonteCarlo() {
    Closed closed = new Closed() {
      @Override
      public OptionalDouble closedFormElbo(VariationalFamily q) {
        return OptionalDouble.empty();
      }
    };
    FitResult fit = Inference.builder().model(new WithClosedForm(closed))
        .guide(new Fixtures.Guide()).estimator(new Fixtures.Reparam(4))
        .optimizer(new Fixtures.Sgd(0.002, 0.9)).stopAfterSteps(50).seed(7).build().run();
    assertTrue(fit.elbo().standardError() > 0, fit.elbo().toString());
    assertEquals(1000, fit.elbo().particles());
  }
}
