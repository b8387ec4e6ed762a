package org.vi4j.app.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.inference.Restarts;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.estimators.reparam.ReparamEstimator;
import org.vi4j.guides.auto.AutoGuide;
import org.vi4j.guides.delta.DeltaGuide;
import org.vi4j.models.gaussianmixture.GaussianMixtureElbo;
import org.vi4j.models.gaussianmixture.GaussianMixtureGuide;
import org.vi4j.models.gaussianmixture.GaussianMixtureModel;
import org.vi4j.models.laplacemixture.LaplaceMixtureData;
import org.vi4j.models.laplacemixture.LaplaceMixtureModel;
import org.vi4j.optimizers.adam.Adam;
import org.vi4j.optimizers.cavi.Cavi;
import org.vi4j.optimizers.em.Em;

/**
 * The code of the mixtures section of docs/fitting.md (the three fits of the laplace-mixture demo
 * in plain Java), run as written; keep the two in step.
 */
class MixtureFitsExampleTest {

  private static final Logger LOG = LoggerFactory.getLogger(MixtureFitsExampleTest.class);

  record Fit(FitResult result, VariationalFamily guide) {}

  @Test
  void threeFitsOfTheSamePoints() {
    LaplaceMixtureData data = LaplaceMixtureData.experiment(2314);   // 200 train, 10,000 held out
    LaplaceMixtureModel model = LaplaceMixtureModel.withDefaultPriors(data.train(), 4,
        LaplaceMixtureModel.ScalePrior.GAMMA);
    Batch any = Batch.full(Tensor.zeros(1, 1));           // the global latents need no data rows

    // 1. Black-box VI: mean-field ADVI, pathwise gradients, Adam; best final ELBO of 3 restarts
    Restarts.Result<Fit> bbvi = Restarts.runScored(3, 1, seed -> {
      AutoGuide q = new AutoGuide(model.latents());
      model.writeStart(q.parameters(), Rng.seeded(seed));   // K random data points as locations
      return new Fit(Inference.builder().model(model).guide(q).estimator(new ReparamEstimator(4))
          .optimizer(new Adam(0.05)).stopAfterSteps(1_500).averageLast(0.3).evalParticles(200)
          .seed(seed).build().run(), q);
    }, f -> f.result().elbo().value());
    Latents draws = bbvi.best().guide().draw(any, Rng.seeded(1), 200).z();
    double bbviHeldOut = LaplaceMixtureModel.meanLogPredictive(draws, data.heldOut());

    // 2. EM: a point mass (delta) and the em optimizer, the same loop; best of 5 restarts
    Restarts.Result<Fit> em = Restarts.runScored(5, 1, seed -> {
      DeltaGuide q = new DeltaGuide(model.latents());
      return new Fit(Inference.builder().model(model).guide(q).estimator(new ReparamEstimator(1))
          .optimizer(new Em()).stopAfterSteps(200).evalParticles(5).seed(seed).build().run(), q);
    }, f -> f.result().elbo().value());
    Latents point = em.best().guide().draw(any, Rng.seeded(1), 1).z();
    double emHeldOut = LaplaceMixtureModel.meanLogPredictive(point, data.heldOut());

    // 3. CAVI on the conjugate Gaussian mixture; best closed-form ELBO of 10 random starts
    GaussianMixtureModel gmm = GaussianMixtureModel.withDefaultPriors(data.train(), 4);
    Restarts.Result<GaussianMixtureGuide> cavi = Restarts.runScored(10, 1, seed -> {
      GaussianMixtureGuide q = new GaussianMixtureGuide(gmm, Rng.seeded(seed));
      Inference.builder().model(gmm).guide(q).estimator(new GaussianMixtureElbo())
          .optimizer(new Cavi()).stopAfterSteps(200).evalParticles(5).seed(seed).build().run();
      return q;
    }, gmm::elbo);
    double caviHeldOut = Arrays.stream(cavi.best().logPredictiveDensity(data.heldOut(), 200,
        Rng.seeded(1))).average().orElseThrow();

    double ceiling = data.trueHeldOutLogLikelihood();
    LOG.info("held-out per point: true {}, BBVI {}, EM {}, CAVI-GMM {}", ceiling, bbviHeldOut,
        emHeldOut, caviHeldOut);
    assertTrue(bbviHeldOut > ceiling - 0.04, "BBVI " + bbviHeldOut + " vs " + ceiling);
    assertTrue(emHeldOut > ceiling - 0.04, "EM " + emHeldOut + " vs " + ceiling);
    assertTrue(caviHeldOut < ceiling && caviHeldOut > ceiling - 1.2, "CAVI " + caviHeldOut);
  }
}
