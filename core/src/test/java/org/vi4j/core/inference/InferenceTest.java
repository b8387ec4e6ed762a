package org.vi4j.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.FitListener;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.StepReport;
import org.vi4j.core.testing.Vi4jTestBase;

class InferenceTest extends Vi4jTestBase {

  @TempDir
  Path dir;

  private static final double[] X = {0.3, 1.9, 1.1, -0.4, 2.2, 0.8, 1.5, 0.1, 1.2, 0.6};

  private static Inference.Builder pipeline(Fixtures.NormalNormal m, Fixtures.Guide q,
      Fixtures.Sgd o) {
    return Inference.builder().model(m).guide(q).estimator(new Fixtures.Reparam(4)).optimizer(o)
        .seed(7);
  }

  /**
   * The ELBO is unbiased under minibatching: for a fixed z, the batch-size-weighted mean over one
   * epoch's batches of the scaled log joint equals the full-data log joint exactly (up to
   * round-off), including a smaller last batch.
   */
  @Test
  void minibatchScalingIsUnbiasedOverAnEpoch() {
    Fixtures.NormalNormal m = new Fixtures.NormalNormal(X);
    Latents z = Latents.builder(2).put("z", Tensor.column(0.7, -1.3)).build();
    double[] full = m.logJoint(z, Batch.full(m.x)).toArray();
    for (int b : new int[] {1, 2, 3, 5, 10}) {
      Minibatches batches = new Minibatches(m.x, b);
      Rng rng = Rng.seeded(3);
      double[] mean = new double[2];
      int seen = 0;
      while (seen < X.length) {
        Batch batch = batches.next(rng);
        double w = (double) batch.size() / X.length;
        double[] v = m.logJoint(z, batch).toArray();
        for (int p = 0; p < 2; p++) {
          mean[p] += w * v[p];
        }
        seen += batch.size();
      }
      assertArrayEquals(full, mean, 1e-12, "batch size " + b);
    }
  }

  @Test
  void eachEpochVisitsEveryRowOnceInAFreshOrder() {
    Minibatches batches = new Minibatches(Tensor.column(0, 1, 2, 3, 4, 5, 6), 3);
    Rng rng = Rng.seeded(1);
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      for (int r : batches.next(rng).rows()) {
        first.add(r);
      }
    }
    for (int k = 0; k < 3; k++) {
      for (int r : batches.next(rng).rows()) {
        second.add(r);
      }
    }
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), first.stream().sorted().toList());
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), second.stream().sorted().toList());
    assertFalse(first.equals(second), "a fresh shuffle each epoch");
  }

  @Test
  void fitRecoversTheExactPosteriorAndReportsTheRun() {
    Fixtures.NormalNormal m = new Fixtures.NormalNormal(X);
    Fixtures.Guide q = new Fixtures.Guide();
    FitResult fit = pipeline(m, q, new Fixtures.Sgd(0.002, 0.9)).stopAfterSteps(8000)
        .averageLast(0.5).build().run();
    assertEquals(StopReason.MAX_STEPS, fit.stopReason());
    assertEquals(8000, fit.steps());
    assertEquals(8000, fit.trace().size());
    assertEquals(4000, fit.averagedSteps());
    // Polyak averaging of a constant-step SGD lands on the optimum to within its jitter: the
    // stationary sd of loc is about 0.05 with a mixing time of ~5 steps, so 4,000 averaged
    // iterates leave ~0.002 (5 sd inside the tolerance).
    assertEquals(m.posteriorMean(), fit.parameter("z.loc")[0], 0.01);
    assertEquals(Math.log(m.posteriorSd()), fit.parameter("z.log_scale")[0], 0.03);
    // exact evidence of the conjugate model: ELBO ≤ log p(x), with q ≈ posterior the gap is tiny
    assertTrue(fit.elbo().standardError() < 0.01, "q ≈ p: log ratios nearly constant");
    assertTrue(fit.psis().kHat() < 0.5, fit.psis().toString());
    assertTrue(fit.wallSeconds() > 0 && fit.stepsPerSecond() > 0);
  }

  @Test
  void wallClockBudgetStopsTheRun() {
    FitResult fit = pipeline(new Fixtures.NormalNormal(X), new Fixtures.Guide(),
        new Fixtures.Sgd(0.01, 0)).maxSeconds(0.3).build().run();
    assertEquals(StopReason.TIME_BUDGET, fit.stopReason());
    assertTrue(fit.steps() > 0);
  }

  @Test
  void stanConvergenceRuleStopsAConvergedRun() {
    FitResult fit = pipeline(new Fixtures.NormalNormal(X), new Fixtures.Guide(),
        new Fixtures.Sgd(0.01, 0.9)).stopAfterSteps(100_000).convergence(100, 0.01).build().run();
    assertTrue(fit.stopReason() == StopReason.CONVERGED_MEAN
        || fit.stopReason() == StopReason.CONVERGED_MEDIAN, fit.stopReason().toString());
    assertTrue(fit.steps() < 100_000 && fit.steps() % 100 == 0, "stops at an evaluation step");
  }

  /** A bad step is rolled back (parameters and optimizer state) and the run goes on. */
  @Test
  void nonFiniteStepIsRejectedAndRolledBack() {
    Fixtures.Sgd poisoned = new Fixtures.Sgd(0.01, 0.9);
    poisoned.poison = c -> c == 50;
    Fixtures.Guide q = new Fixtures.Guide();
    FitResult fit = pipeline(new Fixtures.NormalNormal(X), q, poisoned).stopAfterSteps(200).build()
        .run();
    assertEquals(1, fit.rejectedSteps());
    assertEquals(200, fit.steps());
    assertTrue(Double.isFinite(q.loc.item()) && Double.isFinite(q.logScale.item()));
    assertTrue(Double.isFinite(fit.elbo().value()));
  }

  @Test
  void persistentDivergenceStopsNamingTheParameterAndKeepsTheLastGoodValues() {
    Fixtures.Sgd o = new Fixtures.Sgd(0.01, 0.9);
    o.poison = c -> c >= 20;
    Fixtures.Guide q = new Fixtures.Guide();
    double[] atStep20 = new double[2];
    FitListener record = new FitListener() {
      @Override
      public void onStep(StepReport r) {
        if (r.step() == 19) {
          atStep20[0] = q.loc.item();
          atStep20[1] = q.logScale.item();
        }
      }
    };
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> pipeline(new Fixtures.NormalNormal(X), q, o).stopAfterSteps(100).maxBadSteps(3)
            .listener(record).build().run());
    assertEquals(20, e.step());
    assertTrue(e.getMessage().contains("guide parameter 'z.loc'"), e.getMessage());
    assertTrue(e.getMessage().contains("step 20"), e.getMessage());
    assertArrayEquals(atStep20, new double[] {q.loc.item(), q.logScale.item()}, 0);
    assertEquals(StopReason.DIVERGED, e.partial().stopReason());
    assertEquals(20, e.partial().trace().size());
  }

  /**
   * 2,000 steps straight give bit for bit the same parameters as 1,000 steps, a checkpoint, fresh
   * parts restored from it, and 1,000 more — with minibatches, momentum state and every random
   * stream in play.
   */
  @Test
  void checkpointAndResumeMatchAnUninterruptedRunBitForBit() throws Exception {
    Fixtures.Guide straight = new Fixtures.Guide();
    pipeline(new Fixtures.NormalNormal(X), straight, new Fixtures.Sgd(0.005, 0.9)).batchSize(3)
        .stopAfterSteps(2000).averageLast(0.25).build().run();

    Path ckpt = dir.resolve("run.ckpt");
    pipeline(new Fixtures.NormalNormal(X), new Fixtures.Guide(), new Fixtures.Sgd(0.005, 0.9))
        .batchSize(3).stopAfterSteps(1000).averageLast(0.25).checkpointEvery(500, ckpt).build()
        .run();
    assertTrue(Files.exists(ckpt));
    Fixtures.Guide resumed = new Fixtures.Guide();
    pipeline(new Fixtures.NormalNormal(X), resumed, new Fixtures.Sgd(0.005, 0.9)).batchSize(3)
        .stopAfterSteps(2000).averageLast(0.25).resumeFrom(ckpt).build().run();

    assertEquals(Double.doubleToRawLongBits(straight.loc.item()),
        Double.doubleToRawLongBits(resumed.loc.item()));
    assertEquals(Double.doubleToRawLongBits(straight.logScale.item()),
        Double.doubleToRawLongBits(resumed.logScale.item()));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(ckpt), files.toList(), "atomic writes leave no temporary files");
    }
  }

  @Test
  void resumingADifferentSetUpIsRefused() throws Exception {
    Path ckpt = dir.resolve("run.ckpt");
    pipeline(new Fixtures.NormalNormal(X), new Fixtures.Guide(), new Fixtures.Sgd(0.005, 0.9))
        .stopAfterSteps(10).checkpointEvery(10, ckpt).build().run();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pipeline(new Fixtures.NormalNormal(X), new Fixtures.Guide(),
            new Fixtures.Sgd(0.005, 0.9)).seed(8).stopAfterSteps(20).resumeFrom(ckpt).build().run());
    assertTrue(e.getMessage().contains("different run set-up"), e.getMessage());
    Files.write(ckpt, new byte[] {1, 2, 3});
    assertThrows(IllegalArgumentException.class,
        () -> pipeline(new Fixtures.NormalNormal(X), new Fixtures.Guide(),
            new Fixtures.Sgd(0.005, 0.9)).stopAfterSteps(20).resumeFrom(ckpt).build().run());
  }

  @Test
  void builderRefusesMissingPartsAndStoppingRules() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Inference.builder().model(new Fixtures.NormalNormal(X)).stopAfterSteps(1).build());
    assertTrue(e.getMessage().contains("[guide, estimator, optimizer]"), e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> pipeline(new Fixtures.NormalNormal(X),
        new Fixtures.Guide(), new Fixtures.Sgd(0.1, 0)).build());
    assertTrue(e.getMessage().contains("stopping rule"), e.getMessage());
  }
}
