package org.vi4j.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.plugin.fakes.FakeEstimatorProvider.FakeEstimator;
import org.vi4j.core.plugin.fakes.FakeGuideProvider.FakeGuide;
import org.vi4j.core.plugin.fakes.FakeModelProvider.FakeModel;
import org.vi4j.core.plugin.fakes.FakeOptimizerProvider.FakeOptimizer;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.StepReport;

class PipelineTest {

  private final Plugins plugins = Plugins.load(getClass().getClassLoader());
  private final PipelineSpec spec = PipelineSpec.of("fake-model", "fake-guide", "fake-estimator", "fake-sgd");

  @Test
  void from_createsTheFourPartsWithTheirOptions() {
    Pipeline p = Pipeline.from(spec.with("model.mean", 2.5).with("model.size", 3)
        .with("guide.init-scale", 0.5).with("estimator.particles", 4).with("optimizer.lr", 0.2)
        .with("run.steps", 10), plugins);
    assertEquals(2.5, assertInstanceOf(FakeModel.class, p.model()).mean());
    assertEquals(3, p.model().latents().get("x").size());
    assertEquals(0.5, assertInstanceOf(FakeGuide.class, p.guide()).scale());
    assertEquals(4, assertInstanceOf(FakeEstimator.class, p.estimator()).particles());
    assertEquals(0.2, assertInstanceOf(FakeOptimizer.class, p.optimizer()).lr());

    StepReport r = p.optimizer().step(p.problem(Batch.full(Tensor.zeros(2, 1))), Rng.seeded(7));
    assertEquals(4, r.elbo().particles());
    assertEquals(0, r.step());
  }

  @Test
  void from_reportsEveryNameAndOptionProblemTogether() {
    PipelineException e = assertThrows(PipelineException.class, () -> Pipeline.from(
        PipelineSpec.of("fake-modle", "fake-guide", "nope", "fake-sgd").with("optimizer.lr", "fast"),
        plugins));
    assertEquals(3, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith("Cannot build pipeline [model=fake-modle, guide=fake-guide, "
        + "estimator=nope, optimizer=fake-sgd]: 3 problems\n  1) Unknown model 'fake-modle'. Did you "
        + "mean 'fake-model'?"), e.getMessage());
    assertTrue(e.problems().get(1).startsWith("Unknown estimator 'nope'. Available estimators: "
        + "[fake-estimator]."), e.problems().get(1));
    assertEquals("Option 'lr' of optimizer 'fake-sgd': 'fast' is not a number", e.problems().get(2));
  }

  @Test
  void from_refusesAGuideThatCannotRepresentALatent() {
    PipelineException e = assertThrows(PipelineException.class,
        () -> Pipeline.from(spec.with("model.support", "binary"), plugins));
    assertEquals(List.of("guide 'fake-guide' cannot represent latent 'x' (BINARY, GLOBAL, size 1): "
        + "it supports [REAL, POSITIVE]; guides that fit BINARY: [fake-bernoulli]"), e.problems());
  }

  @Test
  void from_runsTheEstimatorsCompatibilityCheck() {
    PipelineException e = assertThrows(PipelineException.class,
        () -> Pipeline.from(spec.with("estimator.needs-reparam", true), plugins));
    assertEquals(List.of("estimator 'fake-estimator' needs a reparameterizable guide"), e.problems());
  }
}
