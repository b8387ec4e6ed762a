package org.vi4j.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.KlRegistry;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.plugin.Pipeline;
import org.vi4j.core.plugin.PipelineSpec;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.estimators.reparam.ReparamEstimator;
import org.vi4j.guides.gamma.GammaGuide;
import org.vi4j.guides.truncatednormal.TruncatedNormalGuide;
import org.vi4j.models.expgaussian.ExpGaussianModel;
import org.vi4j.models.poissongamma.DigitsData;
import org.vi4j.models.poissongamma.PoissonGammaModel;
import org.vi4j.optimizers.adam.Adam;
import org.vi4j.optimizers.cavi.Cavi;

/** The code of docs/fitting.md, run as written (keep the two in step). */
class DocsExamplesTest {

  @Test
  void expGaussianInPlainCode() {
    ExpGaussianModel model = ExpGaussianModel.of(1.5);
    FitResult fit = Inference.builder()
        .model(model)
        .guide(new TruncatedNormalGuide(model.latents()))
        .estimator(new ReparamEstimator(16))
        .optimizer(new Adam(0.02))
        .stopAfterSteps(3_000).averageLast(0.5)
        .seed(1)
        .build().run();
    double logEvidence = model.logEvidence();
    double kl = logEvidence - fit.elbo().value();
    assertEquals(-1.3689464, logEvidence, 1e-7);
    assertTrue(Math.abs(kl) < 0.005, "KL " + kl);
    assertEquals(1, fit.parameter("z.loc").length);
  }

  @Test
  void expGaussianByName() {
    Pipeline p = Pipeline.from(
        PipelineSpec.of("exp-gaussian", "auto", "reparam", "adam")
            .with("estimator.particles", 16).with("optimizer.lr", 0.02),
        Plugins.load(Thread.currentThread().getContextClassLoader()));
    FitResult auto = Inference.builder()
        .model(p.model()).guide(p.guide()).estimator(p.estimator()).optimizer(p.optimizer())
        .stopAfterSteps(3_000).averageLast(0.5).seed(1)
        .build().run();
    assertEquals(-1.529, auto.elbo().value(), 0.01);
  }

  @Test
  void poissonGammaByCoordinateAscent() {
    PoissonGammaModel model = PoissonGammaModel.of(DigitsData.digit(0));
    GammaGuide guide = new GammaGuide(model.latents());
    Inference.builder()
        .model(model).guide(guide)
        .estimator(new ReparamEstimator(1))
        .optimizer(new Cavi())
        .stopAfterSteps(1).seed(1)
        .build().run();
    Distribution q = guide.factor("rate");
    Distribution exact = model.posterior("rate");
    double kl = KlRegistry.standard().kl(q, exact).sum().item();
    assertTrue(kl < 1e-9, "KL " + kl);
  }
}
