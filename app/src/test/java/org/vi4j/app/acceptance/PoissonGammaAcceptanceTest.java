package org.vi4j.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.KlRegistry;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.plugin.Pipeline;
import org.vi4j.core.plugin.PipelineSpec;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.spi.ExactPosterior;
import org.vi4j.core.spi.FactorizedFamily;

/**
 * Issue 3's acceptance for {@code poisson-gamma} on the 178 zeros of the UCI digits: the fitted
 * Gamma factors against the exact conjugate posterior Gamma(a + Σx, b + m), by the closed-form KL.
 */
class PoissonGammaAcceptanceTest {

  private static final Logger LOG = LoggerFactory.getLogger(PoissonGammaAcceptanceTest.class);

  private static Pipeline pipeline(PipelineSpec spec) {
    return Pipeline.from(spec, Plugins.load(PoissonGammaAcceptanceTest.class.getClassLoader()));
  }

  /** Σ over the 64 pixels of KL(q_j ‖ exact_j), and the worst relative error of the means. */
  private static double[] compare(Pipeline p) {
    Distribution q = p.guide().as(FactorizedFamily.class).orElseThrow().factor("rate");
    Distribution exact = p.model().as(ExactPosterior.class).orElseThrow().posterior("rate");
    double kl = KlRegistry.standard().kl(q, exact).sum().item();
    double[] qm = q.mean().toArray();
    double[] em = exact.mean().toArray();
    double worst = 0;
    for (int j = 0; j < em.length; j++) {
      worst = Math.max(worst, Math.abs(qm[j] - em[j]) / em[j]);
    }
    return new double[] {kl, worst};
  }

  /**
   * The user's reference run: gamma guide, reparam with 128 particles, Adam at lr 0.2, 5,000 steps;
   * with Polyak averaging over the last 20% the summed KL must be below 0.05 nats and every pixel's
   * posterior mean within 2% of exact. (PyTorch's run of the same: ~4.7 nats at the last iterate,
   * ~0.02 averaged.)
   */
  @Test
  void gammaGuideWithAdamAndAveragingMatchesTheExactPosterior() {
    Pipeline p = pipeline(PipelineSpec.of("poisson-gamma", "gamma", "reparam", "adam")
        .with("estimator.particles", 128).with("optimizer.lr", 0.2));
    FitResult fit = Inference.builder().model(p.model()).guide(p.guide()).estimator(p.estimator())
        .optimizer(p.optimizer()).stopAfterSteps(5000).averageLast(0.2).seed(42).build().run();
    double[] averaged = compare(p);
    p.guide().parameters().params().forEach(par ->
        System.arraycopy(fit.lastIterate().get(par.name()), 0, par.value().data, 0, par.size()));
    double[] last = compare(p);
    LOG.info("poisson-gamma adam: averaged KL {} (worst mean error {}), last-iterate KL {}; {} steps/s",
        averaged[0], averaged[1], last[0], fit.stepsPerSecond());
    assertTrue(averaged[0] < 0.05, "summed KL with averaging " + averaged[0]);
    assertTrue(averaged[1] < 0.02, "worst relative error of a posterior mean " + averaged[1]);
    assertTrue(last[0] > averaged[0], "averaging helps: last iterate " + last[0]);
  }

  /** CAVI writes the exact conjugate posterior in one sweep. */
  @Test
  void caviReachesTheExactPosteriorInOneStep() {
    Pipeline p = pipeline(PipelineSpec.of("poisson-gamma", "gamma", "reparam", "cavi"));
    Inference.builder().model(p.model()).guide(p.guide()).estimator(p.estimator())
        .optimizer(p.optimizer()).stopAfterSteps(1).evalParticles(100).seed(1).build().run();
    double[] r = compare(p);
    LOG.info("poisson-gamma cavi: summed KL after one step {}", r[0]);
    assertTrue(r[0] < 1e-9, "summed KL after one CAVI step " + r[0]);
  }
}
