package org.vi4j.optimizers.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.spi.StepReport;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.optimizers.fixtures.FixtureGuide;
import org.vi4j.optimizers.fixtures.FixtureModel;
import org.vi4j.optimizers.fixtures.Fixtures;
import org.vi4j.optimizers.fixtures.ScriptedEstimator;

/**
 * CAVI on the Poisson–Gamma fixture: prior Gamma(2, 0.5), two columns of four counts,
 * column 0 = (3, 0, 5, 2) (Σ 10), column 1 = (1, 1, 0, 4) (Σ 6). Exact posteriors: Gamma(12, 4.5)
 * and Gamma(8, 4.5).
 */
class CaviTest extends Vi4jTestBase {

  private static final Tensor DATA = Tensor.of(new double[][] {{3, 1}, {0, 1}, {5, 0}, {2, 4}});

  private final PoissonGammaFixture.PoissonModel model =
      new PoissonGammaFixture.PoissonModel(2, 0.5, 2);
  private final PoissonGammaFixture.GammaGuide guide =
      new PoissonGammaFixture.GammaGuide(2, 1.0, 1.0);
  private final PoissonGammaFixture.AnalyticElbo elbo = new PoissonGammaFixture.AnalyticElbo();

  @Test
  void oneSweepReachesTheExactPosterior() {
    Problem p = Problem.start(model, guide, elbo, Batch.full(DATA));
    Cavi cavi = new Cavi();
    assertEquals(List.of(), cavi.check(model, guide));
    StepReport first = cavi.step(p, Rng.seeded(1));
    assertEquals(12.0, guide.shape("rate0"), 1e-15);
    assertEquals(4.5, guide.rate("rate0"), 1e-15);
    assertEquals(8.0, guide.shape("rate1"), 1e-15);
    assertEquals(4.5, guide.rate("rate1"), 1e-15);
    assertEquals(List.of("rate0", "rate1"), guide.writes, "one write per latent, in order");
    assertTrue(Double.isNaN(first.gradientNorm()));
    for (Param q : guide.parameters()) {
      assertEquals(0.0, q.grad().data[0], "the estimator's gradients are zeroed, not used");
    }

    // the next report is the ELBO at the optimum: the log evidence, and more than before
    StepReport second = cavi.step(p.next(p.batch()), Rng.seeded(2));
    double logEvidence = model.logEvidence(DATA, 0) + model.logEvidence(DATA, 1);
    assertEquals(logEvidence, second.elbo().value(), 1e-10);
    assertTrue(second.elbo().value() > first.elbo().value());
    assertEquals(1, second.step());
    assertEquals(12.0, guide.shape("rate0"), 1e-15, "a fixed point");
  }

  @Test
  void minibatchUpdateScalesTheDataTerms() {
    // rows 0 and 2 of 4: s = 2, η̂ = (a − 1 + 2·8, −(b + 2·2)) for column 0 → Gamma(18, 4.5)
    Batch mb = Batch.of(Tensor.of(new double[][] {{3, 1}, {5, 0}}), new int[] {0, 2}, 4);
    new Cavi().step(Problem.start(model, guide, elbo, mb), Rng.seeded(1));
    assertEquals(18.0, guide.shape("rate0"), 1e-15);
    assertEquals(4.5, guide.rate("rate0"), 1e-15);
  }

  @Test
  void rhoBlendsNaturalParameters() {
    // η_old = (0, −1), η̂ = (11, −4.5): ρ = 0.25 → (2.75, −1.875), i.e. Gamma(3.75, 1.875)
    Problem p = Problem.start(model, guide, elbo, Batch.full(DATA));
    Cavi damped = new Cavi(0.25);
    damped.step(p, Rng.seeded(1));
    assertEquals(3.75, guide.shape("rate0"), 1e-15);
    assertEquals(1.875, guide.rate("rate0"), 1e-15);
    // and converges geometrically: the error in η shrinks by (1 − ρ) per sweep
    for (int i = 0; i < 99; i++) {
      damped.step(p, Rng.seeded(1));
    }
    assertEquals(12.0, guide.shape("rate0"), 1e-10);   // 11 · 0.75^100 ≈ 3.5e-12
  }

  @Test
  void refusesModelsAndGuidesWithoutTheCapabilities() {
    Cavi cavi = new Cavi();
    FixtureModel plain = new FixtureModel();
    FixtureGuide plainGuide = FixtureGuide.scalars(1);
    List<String> both = cavi.check(plain, plainGuide);
    assertEquals(List.of(
        "optimizer 'cavi': model 'FixtureModel' has no closed-form updates (it does not implement "
            + "ConjugateUpdates); use a gradient optimizer such as adam",
        "optimizer 'cavi': guide 'FixtureGuide' has no conjugate factors (it does not implement "
            + "ConjugateFactors); use a conjugate mean-field guide such as gamma"), both);
    assertEquals(1, cavi.check(model, plainGuide).size());
    assertEquals(1, cavi.check(plain, guide).size());

    Problem p = Fixtures.problem(plainGuide, new ScriptedEstimator(new double[] {1}));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> cavi.step(p, Rng.seeded(1)));
    assertEquals(both.get(0), e.getMessage());
  }

  /** A model with ConditionallyConjugate (and no ConjugateUpdates): one step is its exact optimum. */
  @Test
  void fitsAGlobalLocalModelThroughItsLocalStep() {
    Tensor data = Tensor.of(new double[][] {{3, 1}, {0, 1}, {5, 0}, {2, 4}, {1, 1}});
    org.vi4j.optimizers.fixtures.PoissonRates rates =
        new org.vi4j.optimizers.fixtures.PoissonRates(data, 2, 0.5, 2);
    org.vi4j.optimizers.fixtures.PoissonRates.Guide q =
        new org.vi4j.optimizers.fixtures.PoissonRates.Guide(2, 1, 1);
    Cavi cavi = new Cavi(1.0, 2);
    assertEquals(List.of(), cavi.check(rates, q));
    Problem p = Problem.start(rates, q, new ScriptedEstimator(new double[] {1}), Batch.full(data));
    cavi.step(p, Rng.seeded(1));
    assertEquals(13.0, q.shape("rate0"), 1e-12);   // 2 + 11
    assertEquals(5.5, q.rate("rate0"), 1e-12);     // 0.5 + 5
    StepReport second = cavi.step(p.next(p.batch()), Rng.seeded(1));
    assertEquals(rates.logEvidence(), second.elbo().value(), 1e-10);
    assertEquals(2, cavi.copy().threads());
    assertThrows(IllegalArgumentException.class, () -> new Cavi(1.0, -1));
  }

  @Test
  void configuration() {
    assertThrows(IllegalArgumentException.class, () -> new Cavi(0));
    assertThrows(IllegalArgumentException.class, () -> new Cavi(1.5));
    assertEquals(0.5, new Cavi(0.5).copy().rho());
  }
}
