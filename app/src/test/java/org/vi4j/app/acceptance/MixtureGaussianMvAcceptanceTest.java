package org.vi4j.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.inference.Restarts;
import org.vi4j.core.plugin.Pipeline;
import org.vi4j.core.plugin.PipelineSpec;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.random.Rng;
import org.vi4j.models.gaussianmixture.GaussianClustersData;
import org.vi4j.models.gaussianmixture.GaussianWishartMixture;
import org.vi4j.models.gaussianmixture.GaussianWishartMixtureElbo;
import org.vi4j.models.gaussianmixture.GaussianWishartMixtureGuide;
import org.vi4j.models.gaussianmixture.GaussianWishartMixtureModel;
import org.vi4j.optimizers.cavi.Cavi;

/**
 * Issue 5, multivariate: the {@code cavi} optimizer (unchanged) on {@code gaussian-mixture-mv} with
 * its own guide and closed-form ELBO, built in code and by plugin names, on the seeded 2-D
 * experiment. The loop's ELBO trace is the engine's, it never decreases, and the fit's held-out
 * log-likelihood comes close to the true mixture's.
 */
class MixtureGaussianMvAcceptanceTest {

  private static final Logger LOG = LoggerFactory.getLogger(MixtureGaussianMvAcceptanceTest.class);
  static final GaussianClustersData DATA = GaussianClustersData.experiment(GaussianClustersData.SEED);

  record Fit(FitResult result, GaussianWishartMixtureGuide guide, double finalElbo) {}

  static Fit cavi(GaussianWishartMixtureModel model, long seed, int sweeps) {
    GaussianWishartMixtureGuide guide = new GaussianWishartMixtureGuide(model, Rng.seeded(seed));
    FitResult r = Inference.builder().model(model).guide(guide)
        .estimator(new GaussianWishartMixtureElbo()).optimizer(new Cavi()).stopAfterSteps(sweeps)
        .evalParticles(5).seed(seed).logEverySeconds(Double.POSITIVE_INFINITY).build().run();
    return new Fit(r, guide, model.elbo(guide));
  }

  /**
   * The ELBO the loop records before sweep t equals the engine's ELBO after its t-th sweep from the
   * same start (t = 0: the start itself, bit for bit); later sweeps agree to rounding (relative
   * 1e-10: the same equations in natural parameters).
   */
  @Test
  void caviReproducesTheEnginesElboTrace() {
    GaussianWishartMixtureModel model = GaussianWishartMixtureModel.withDefaultPriors(DATA.train(), 6);
    GaussianWishartMixture engine = model.engine();
    double worst = 0;
    for (long seed = 1; seed <= 3; seed++) {
      Fit fit = cavi(model, seed, 101);
      double[] trace = fit.result().trace().elbo();
      assertEquals(101, trace.length);
      GaussianWishartMixture.Factors f = engine.start(Rng.seeded(seed));
      assertEquals(engine.elbo(f), trace[0], 0.0);
      for (int t = 1; t < trace.length; t++) {
        engine.sweep(f);
        double e = engine.elbo(f);
        worst = Math.max(worst, Math.abs(e - trace[t]) / Math.abs(e));
        assertEquals(e, trace[t], 1e-10 * Math.abs(e), "seed " + seed + ", sweep " + t);
      }
      engine.sweep(f);
      assertEquals(engine.elbo(f), fit.finalElbo(), 1e-10 * Math.abs(fit.finalElbo()));
    }
    LOG.info("gaussian-mixture-mv: largest relative difference of the cavi and engine traces {}",
        worst);
  }

  /** The snippet of docs/fitting.md ("Multivariate mixture"), as written there; keep in step. */
  @Test
  void docsExample() {
    GaussianClustersData data = GaussianClustersData.experiment(1);   // 300 train, 10,000 held out
    GaussianWishartMixtureModel model = GaussianWishartMixtureModel.withDefaultPriors(data.train(), 6);
    Restarts.Result<GaussianWishartMixtureGuide> best = Restarts.runScored(5, 1, seed -> {
      GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(model, Rng.seeded(seed));
      Inference.builder().model(model).guide(q).estimator(new GaussianWishartMixtureElbo())
          .optimizer(new Cavi()).stopAfterSteps(100).evalParticles(5).seed(seed).build().run();
      return q;
    }, model::elbo);                                                   // best closed-form ELBO
    GaussianWishartMixtureGuide q = best.best();
    double elbo = model.elbo(q);
    double[] weights = q.sortedComponents().weights();
    double heldOut = Arrays.stream(q.logPredictiveDensity(data.heldOut())).average().orElseThrow();
    LOG.info("docs example: ELBO {}, weights {}, held-out {} (true {})", elbo,
        Arrays.toString(weights), heldOut, data.trueHeldOutLogLikelihood());
    assertEquals(-1142.80, elbo, 0.005);
    assertArrayEquals(new double[] {0.419, 0.0006, 0.0006, 0.0006, 0.369, 0.210}, weights, 5e-4);
    assertEquals(-3.618, heldOut, 5e-4);
    assertEquals(-3.593, data.trueHeldOutLogLikelihood(), 5e-4);
  }

  @Test
  void caviElboNeverDecreasesOver100SweepsFrom20RandomStarts() {
    GaussianWishartMixtureModel model = GaussianWishartMixtureModel.withDefaultPriors(DATA.train(), 6);
    for (long seed = 1; seed <= 20; seed++) {
      Fit fit = cavi(model, seed, 101);
      double[] trace = fit.result().trace().elbo();        // closed form before each sweep
      for (int t = 1; t < trace.length; t++) {
        assertTrue(trace[t] >= trace[t - 1] - 1e-9 * Math.abs(trace[t - 1]),
            "seed " + seed + ", sweep " + t + ": " + trace[t - 1] + " -> " + trace[t]);
      }
      assertTrue(fit.finalElbo() >= trace[trace.length - 1] - 1e-9 * Math.abs(fit.finalElbo()));
    }
  }

  /**
   * By plugin names (what {@code vi4j run} builds), best closed-form ELBO of 5 starts: the three
   * true components are found and the held-out log-likelihood per point is within 0.05 nats of the
   * true mixture's (300 training points: the posterior predictive's excess risk is of order
   * (number of parameters = 17) / (2 N) ≈ 0.03 nats).
   */
  @Test
  void byPluginNamesTheHeldOutLogLikelihoodNearsTheTrueMixture() {
    Plugins plugins = Plugins.load(getClass().getClassLoader());
    PipelineSpec spec = PipelineSpec.of("gaussian-mixture-mv", "gaussian-mixture-mv",
        "gaussian-mixture-mv-elbo", "cavi");
    Restarts.Result<Fit> best = Restarts.runScored(5, 1, s -> {
      Pipeline p = Pipeline.from(spec.with("guide.seed", s), plugins);
      GaussianWishartMixtureModel m = (GaussianWishartMixtureModel) p.model();
      GaussianWishartMixtureGuide q = (GaussianWishartMixtureGuide) p.guide();
      FitResult r = Inference.builder().model(m).guide(q).estimator(p.estimator())
          .optimizer(p.optimizer()).stopAfterSteps(150).evalParticles(5).seed(s)
          .logEverySeconds(Double.POSITIVE_INFINITY).build().run();
      return new Fit(r, q, m.elbo(q));
    }, Fit::finalElbo);
    GaussianWishartMixtureGuide q = best.best().guide();
    double heldOut = Arrays.stream(q.logPredictiveDensity(DATA.heldOut())).average().orElseThrow();
    double ceiling = DATA.trueHeldOutLogLikelihood();
    GaussianWishartMixtureGuide.Components c = q.sortedComponents();
    LOG.info("gaussian-mixture-mv CAVI: held-out {} per point (true mixture {}), ELBOs {}, weights {}",
        heldOut, ceiling, Arrays.toString(best.elbos()), Arrays.toString(c.weights()));
    assertTrue(heldOut < ceiling + 0.02, "cannot beat the true mixture by much: " + heldOut);
    assertTrue(heldOut > ceiling - 0.05, "far below the ceiling: " + heldOut + " vs " + ceiling);
    int found = 0;
    for (int j = 0; j < c.weights().length; j++) {
      if (c.weights()[j] > 0.05) {
        found++;
      }
    }
    assertEquals(3, found, Arrays.toString(c.weights()));
  }
}
