package org.vi4j.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.inference.Restarts;
import org.vi4j.core.random.Rng;
import org.vi4j.models.gaussianmixture.GaussianMixtureElbo;
import org.vi4j.models.gaussianmixture.GaussianMixtureGuide;
import org.vi4j.models.gaussianmixture.GaussianMixtureModel;
import org.vi4j.models.laplacemixture.LaplaceMixtureData;
import org.vi4j.optimizers.cavi.Cavi;

/**
 * Fit 3 of issue 5: {@code cavi} on the conjugate {@code gaussian-mixture} for the Laplace
 * experiment's data (misspecified). The ELBO the loop records after each sweep is the closed form,
 * and it never decreases over 100 sweeps from 20 random starts; the held-out log-likelihood is
 * reported against the true mixture's. No margin is claimed: the Gaussian model is misspecified,
 * and on seed 2314 one true component is a spike (scale 0.0075 at 0.42) next to a wide one, which
 * four Gaussians under these priors merge (about −2.87 per point against the ceiling's −1.87); the
 * bound below is only a sanity check.
 */
class MixtureGaussianAcceptanceTest {

  private static final Logger LOG = LoggerFactory.getLogger(MixtureGaussianAcceptanceTest.class);
  static final LaplaceMixtureData DATA = LaplaceMixtureData.experiment(LaplaceMixtureData.SEED);

  record Fit(FitResult result, GaussianMixtureGuide guide, double finalElbo) {}

  static Fit cavi(GaussianMixtureModel model, long seed, int sweeps) {
    GaussianMixtureGuide guide = new GaussianMixtureGuide(model, Rng.seeded(seed));
    FitResult r = Inference.builder().model(model).guide(guide).estimator(new GaussianMixtureElbo())
        .optimizer(new Cavi()).stopAfterSteps(sweeps).evalParticles(5).seed(seed).build().run();
    return new Fit(r, guide, model.elbo(guide));
  }

  @Test
  void caviElboNeverDecreasesFrom20RandomStarts() {
    GaussianMixtureModel model = GaussianMixtureModel.withDefaultPriors(DATA.train(), 4);
    for (long seed = 1; seed <= 20; seed++) {
      Fit fit = cavi(model, seed, 101);
      double[] trace = fit.result().trace().elbo();        // closed form before each sweep
      assertEquals(101, trace.length);
      for (int t = 1; t < trace.length; t++) {
        assertTrue(trace[t] >= trace[t - 1] - 1e-9 * Math.abs(trace[t - 1]),
            "seed " + seed + ", sweep " + t + ": " + trace[t - 1] + " -> " + trace[t]);
      }
      assertTrue(fit.finalElbo() >= trace[trace.length - 1] - 1e-9 * Math.abs(fit.finalElbo()));
    }
  }

  @Test
  void heldOutLogLikelihoodIsReportedBesideTheCeiling() {
    GaussianMixtureModel model = GaussianMixtureModel.withDefaultPriors(DATA.train(), 4);
    Restarts.Result<Fit> best = Restarts.runScored(10, 1, s -> cavi(model, s, 200), Fit::finalElbo);
    double heldOut = Arrays.stream(best.best().guide().logPredictiveDensity(DATA.heldOut(), 200,
        Rng.seeded(9))).average().orElseThrow();
    double ceiling = DATA.trueHeldOutLogLikelihood();
    LOG.info("gaussian-mixture CAVI seed {}: held-out {} per point (true mixture {}), ELBOs {}, {} s",
        DATA.seed(), heldOut, ceiling, Arrays.toString(best.elbos()), best.best().result().wallSeconds());
    assertTrue(Double.isFinite(heldOut));
    assertTrue(heldOut < ceiling + 0.01, "cannot beat the true mixture by much: " + heldOut);
    assertTrue(heldOut > ceiling - 1.2, "far below the ceiling: " + heldOut + " vs " + ceiling);
  }

  @Test
  void surplusComponentsGetSmallWeightsWithKEquals10() {
    GaussianMixtureModel model = GaussianMixtureModel.withDefaultPriors(DATA.train(), 10);
    Fit fit = cavi(model, 3, 300);
    double[] w = fit.guide().expectedWeights();
    Arrays.sort(w);
    double surplus = 0;
    for (int c = 0; c < 6; c++) {
      surplus += w[c];
    }
    LOG.info("gaussian-mixture K=10: E[π] sorted {}", Arrays.toString(w));
    assertTrue(surplus < 0.05, Arrays.toString(w));
  }
}
