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
import org.vi4j.optimizers.svi.Svi;
import org.vi4j.core.random.Rng;
import org.vi4j.estimators.closedform.ClosedFormEstimator;
import org.vi4j.models.lda.LdaEvaluation;
import org.vi4j.models.lda.LdaGuide;
import org.vi4j.models.lda.LdaModel;
import org.vi4j.models.lda.SyntheticCorpus;

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
  @Test
  void ldaByBatchAndStochasticVi() {
    SyntheticCorpus corpus = SyntheticCorpus.generate(
        new SyntheticCorpus.Spec(5, 150, 400, 100, 80, 0.2, 0.05), 2024);
    LdaModel model = LdaModel.of(corpus);
    LdaGuide q = new LdaGuide(model, Rng.seeded(1));
    FitResult fit = Inference.builder()
        .model(model).guide(q)
        .estimator(new ClosedFormEstimator())
        .optimizer(new Cavi())
        .stopAfterSteps(40).seed(1)
        .build().run();
    double[][] lambda = q.topicConcentrations();
    double ppl = LdaEvaluation.completionPerplexity(corpus.heldOutObserved(),
        corpus.heldOutScored(), LdaEvaluation.expElogTopics(lambda), q.topicMeans(),
        model.alpha());
    double ceiling = corpus.trueCompletionPerplexity();
    double recovery = LdaEvaluation.topicRecovery(q.topicMeans(), corpus.topics()).meanCosine();
    assertEquals(27.06, ppl, 0.01);
    assertEquals(26.85, ceiling, 0.01);
    assertEquals(0.9993, recovery, 0.0001);
    assertEquals(0.0, fit.elbo().standardError());
    assertEquals(400, q.documentTopics().length);

    LdaGuide s = new LdaGuide(model, Rng.seeded(1));
    Inference.builder()
        .model(model).guide(s)
        .estimator(new ClosedFormEstimator())
        .optimizer(new Svi(1, 0.6))
        .batchSize(50).stopAfterSteps(160).seed(1)
        .build().run();
    assertEquals(0.9987, LdaEvaluation.topicRecovery(s.topicMeans(), corpus.topics()).meanCosine(),
        0.0001);
  }
}
