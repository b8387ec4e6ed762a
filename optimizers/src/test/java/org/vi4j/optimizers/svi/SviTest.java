package org.vi4j.optimizers.svi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.spi.StepReport;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.optimizers.fixtures.FixtureGuide;
import org.vi4j.optimizers.fixtures.FixtureModel;
import org.vi4j.optimizers.fixtures.Fixtures;
import org.vi4j.optimizers.fixtures.PoissonRates;
import org.vi4j.optimizers.fixtures.ScriptedEstimator;

/**
 * {@link Svi} and {@link LocalStepRunner} on the Poisson-rates fixture: x_ij ~ Poisson(λ_j),
 * λ_j ~ Gamma(2, 0.5), whose exact posterior is Gamma(2 + Σ_i x_ij, 0.5 + N).
 */
class SviTest extends Vi4jTestBase {

  private static final double A = 2;
  private static final double B = 0.5;

  /** N x 2 counts. */
  private Tensor counts(int n) {
    double[][] x = new double[n][2];
    for (int i = 0; i < n; i++) {
      x[i][0] = rand.nextInt(7);
      x[i][1] = rand.nextInt(3);
    }
    return Tensor.of(x);
  }

  private static double columnSum(Tensor data, int j) {
    double s = 0;
    for (int i = 0; i < data.rows(); i++) {
      s += data.get(i, j);
    }
    return s;
  }

  @Test
  void firstFullBatchStepWithTau0ZeroIsTheExactPosterior() {
    Tensor data = counts(40);
    PoissonRates model = new PoissonRates(data, A, B, 16);
    PoissonRates.Guide guide = new PoissonRates.Guide(2, 1, 1);
    Svi svi = new Svi(0, 0.7, 1);
    assertEquals(1.0, svi.rho(0));
    Problem p = Problem.start(model, guide, new ScriptedEstimator(new double[] {1}),
        Batch.full(data));
    StepReport first = svi.step(p, Rng.seeded(1));
    assertEquals(A + columnSum(data, 0), guide.shape("rate0"), 1e-12);
    assertEquals(B + 40, guide.rate("rate0"), 1e-12);
    assertEquals(A + columnSum(data, 1), guide.shape("rate1"), 1e-12);
    assertTrue(Double.isNaN(first.gradientNorm()));
    assertEquals(0.0, first.elbo().standardError(), "a full batch's ELBO is exact");

    // at the exact posterior the ELBO is log p(x); the reported one is before the update
    StepReport second = new Svi(0, 1, 1).step(p.next(p.batch()), Rng.seeded(2));
    assertEquals(model.logEvidence(), second.elbo().value(), 1e-9);
    assertTrue(second.elbo().value() > first.elbo().value());
  }

  @Test
  void minibatchStepBlendsWithRhoT() {
    Tensor data = counts(40);
    PoissonRates model = new PoissonRates(data, A, B, 3);
    PoissonRates.Guide guide = new PoissonRates.Guide(2, 3, 2);
    Svi svi = new Svi(3, 0.6, 2);
    Tensor rows = Tensor.of(new double[][] {
        {data.get(5, 0), data.get(5, 1)}, {data.get(9, 0), data.get(9, 1)},
        {data.get(30, 0), data.get(30, 1)}, {data.get(31, 0), data.get(31, 1)}});
    Batch mb = Batch.of(rows, new int[] {5, 9, 30, 31}, 40);
    Problem p = new Problem(model, guide, new ScriptedEstimator(new double[] {1}), mb, 4);
    StepReport r = svi.step(p, Rng.seeded(1));
    double rho = Math.pow(3 + 5, -0.6);
    assertEquals(rho, svi.rho(4), 1e-15);
    double sum = data.get(5, 0) + data.get(9, 0) + data.get(30, 0) + data.get(31, 0);
    double shapeHat = A + 10 * sum;                               // s = 40 / 4
    double rateHat = B + 10 * 4;
    assertEquals((1 - rho) * 2 + rho * (shapeHat - 1) + 1, guide.shape("rate0"), 1e-12);
    assertEquals((1 - rho) * 2 + rho * rateHat, guide.rate("rate0"), 1e-12);
    assertTrue(Double.isNaN(r.elbo().standardError()), "a minibatch ELBO has no known error");
    assertEquals(4, r.step());
  }

  /**
   * With κ = 1 and τ0 = 0, ρ_t = 1/t, so λ_t is the running mean of the batches' λ̂; over a whole
   * epoch (every row once, equal batches) that mean is the full-data optimum: the exact posterior.
   */
  @Test
  void withKappaOneEachEpochAveragesToTheExactPosterior() {
    Tensor data = counts(100);
    PoissonRates model = new PoissonRates(data, A, B, 4);
    PoissonRates.Guide guide = new PoissonRates.Guide(2, 1, 1);
    FitResult fit = Inference.builder().model(model).guide(guide)
        .estimator(new ScriptedEstimator(new double[] {1})).optimizer(new Svi(0, 1, 2))
        .batchSize(10).stopAfterSteps(30).seed(3).build().run();
    assertEquals(A + columnSum(data, 0), guide.shape("rate0"), 1e-9);
    assertEquals(B + 100, guide.rate("rate0"), 1e-9);
    assertEquals(A + columnSum(data, 1), guide.shape("rate1"), 1e-9);
    assertEquals(model.logEvidence(), fit.elbo().value(), 1e-7, "closed-form final ELBO");
    assertEquals(0.0, fit.elbo().standardError());
    assertEquals(30, fit.trace().size());
  }

  /** Parts of 7 rows added in part order: 1, 2 and 3 threads give the same bits. */
  @Test
  void resultIsBitIdenticalOnOneTwoAndThreeThreads() {
    double[][] x = new double[1000][2];
    for (double[] row : x) {
      row[0] = Math.exp(4 * rand.nextGaussian());      // real "counts": sums depend on their order
      row[1] = rand.nextDouble() * 1e-3;
    }
    Tensor data = Tensor.of(x);
    PoissonRates model = new PoissonRates(data, A, B, 7);
    double[][] results = new double[3][];
    for (int threads = 1; threads <= 3; threads++) {
      PoissonRates.Guide guide = new PoissonRates.Guide(2, 1, 1);
      new LocalStepRunner(threads).step(model, guide, Batch.full(data), 1.0);
      results[threads - 1] = new double[] {guide.shape("rate0"), guide.shape("rate1")};
    }
    assertArrayEquals(results[0], results[1]);
    assertArrayEquals(results[0], results[2]);
    // and equal to the documented order: within parts of 7 rows, then the parts in order
    double total = 0;
    for (int from = 0; from < 1000; from += 7) {
      double part = 0;
      for (int i = from; i < Math.min(1000, from + 7); i++) {
        part += x[i][0];
      }
      total += part;
    }
    assertEquals(A + total, results[0][0], 0.0);
    double naive = 0;
    for (double[] row : x) {
      naive += row[0];
    }
    assertNotEquals(naive, total, "the fixture's sums do depend on the order");
  }

  /** t is the loop's step index: a resumed run continues the schedule bit for bit. */
  @Test
  void resumedRunContinuesTheSchedule(@TempDir Path dir) {
    Tensor data = counts(100);
    PoissonRates model = new PoissonRates(data, A, B, 4);
    PoissonRates.Guide straight = new PoissonRates.Guide(2, 1, 1);
    Inference.builder().model(model).guide(straight).estimator(new ScriptedEstimator(new double[] {1}))
        .optimizer(new Svi(2, 0.7, 2)).batchSize(7).stopAfterSteps(20).seed(5).build().run();

    Path ckpt = dir.resolve("svi.bin");
    PoissonRates.Guide resumed = new PoissonRates.Guide(2, 1, 1);
    Inference.builder().model(model).guide(resumed).estimator(new ScriptedEstimator(new double[] {1}))
        .optimizer(new Svi(2, 0.7, 2)).batchSize(7).stopAfterSteps(9).seed(5)
        .checkpointEvery(100, ckpt).build().run();
    PoissonRates.Guide fresh = new PoissonRates.Guide(2, 1, 1);
    Inference.builder().model(model).guide(fresh).estimator(new ScriptedEstimator(new double[] {1}))
        .optimizer(new Svi(2, 0.7, 2)).batchSize(7).stopAfterSteps(20).seed(5)
        .resumeFrom(ckpt).build().run();
    double[] a = new double[straight.parameters().totalLength()];
    double[] b = new double[a.length];
    straight.parameters().copyValuesTo(a);
    fresh.parameters().copyValuesTo(b);
    assertArrayEquals(a, b);
  }

  @Test
  void configurationIsValidated() {
    for (double kappa : new double[] {0.5, 0.3, 1.01, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new Svi(1, kappa));
      assertTrue(e.getMessage().contains("kappa must be in (0.5, 1]"), e.getMessage());
    }
    for (double tau0 : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new Svi(tau0, 0.7));
      assertTrue(e.getMessage().contains("tau0 must be finite and >= 0"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new Svi(1, 0.7, -1));
    assertThrows(IllegalArgumentException.class, () -> new LocalStepRunner(-2));
    Svi s = new Svi(4, 0.9, 3);
    Svi c = s.copy();
    assertEquals(List.of(4.0, 0.9, 3.0), List.of(c.tau0(), c.kappa(), (double) c.threads()));
    assertEquals(Math.pow(4 + 10, -0.9), s.rho(9), 1e-15);
    assertEquals(new Svi().rho(0), Math.pow(11, -0.7), 1e-15, "defaults: tau0 10, kappa 0.7");
    assertThrows(IllegalArgumentException.class, () -> s.rho(-1));
  }

  @Test
  void refusesModelsAndGuidesWithoutTheCapabilities() {
    Svi svi = new Svi();
    FixtureModel plain = new FixtureModel();
    FixtureGuide plainGuide = FixtureGuide.scalars(1);
    List<String> both = svi.check(plain, plainGuide);
    assertEquals(2, both.size());
    assertTrue(both.get(0).startsWith("optimizer 'svi': model 'FixtureModel'")
        && both.get(0).contains("ConditionallyConjugate"), both.get(0));
    assertTrue(both.get(1).startsWith("optimizer 'svi': guide 'FixtureGuide'")
        && both.get(1).contains("ConjugateFactors"), both.get(1));
    Problem p = Fixtures.problem(plainGuide, new ScriptedEstimator(new double[] {1}));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> svi.step(p, Rng.seeded(1)));
    assertEquals(both.get(0), e.getMessage());
    PoissonRates model = new PoissonRates(counts(5), A, B, 2);
    assertEquals(List.of(), svi.check(model, new PoissonRates.Guide(2, 1, 1)));
    assertEquals(Arrays.asList(both.get(1)), svi.check(model, plainGuide));
  }
}
