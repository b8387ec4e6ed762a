package org.vi4j.estimators.reparamanalytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.estimators.reparam.ReparamEstimator;
import org.vi4j.estimators.testing.Fixtures;
import org.vi4j.estimators.testing.Gradients;
import org.vi4j.estimators.testing.MeanFieldNormalGuide;
import org.vi4j.estimators.testing.NormalNormalElbo;
import org.vi4j.estimators.testing.NormalNormalModel;

/**
 * {@link ReparamAnalyticEstimator} on the Normal–Normal fixture: with the model declaring its prior
 * (closed-form KL(N ‖ N)) and hiding it (closed-form Normal entropy).
 */
class ReparamAnalyticEstimatorTest extends Vi4jTestBase {

  private final MeanFieldNormalGuide guide = Fixtures.guide(true);

  @Test
  void estimate_klPath_meanGradientAndValueMatchTheExactElbo() {
    NormalNormalModel model = Fixtures.model(true);
    Gradients g = Gradients.sample(new ReparamAnalyticEstimator(1), model, guide, guide, 2000, 21);
    g.assertUnbiased(NormalNormalElbo.gradient(model, guide), NormalNormalElbo.value(model, guide),
        4, "reparam-analytic (KL)");
  }

  @Test
  void estimate_entropyPath_meanGradientAndValueMatchTheExactElbo() {
    NormalNormalModel model = Fixtures.model(false);
    Gradients g = Gradients.sample(new ReparamAnalyticEstimator(3), model, guide, guide, 2000, 22);
    g.assertUnbiased(NormalNormalElbo.gradient(model, guide), NormalNormalElbo.value(model, guide),
        4, "reparam-analytic (entropy)");
  }

  /**
   * The KL form removes the prior's and log q's Monte Carlo terms and lowers the variance of the
   * gradient. Per dimension, with z = m + sε, k = n/σ² and s₀ = 1: reparam's ∂/∂m is
   * const − (k + 1)sε, the KL form's const − k·sε, so their variance ratio is k²/(k + 1)² = 25/36
   * ≈ 0.694 exactly; for ∂/∂ω reparam has s²[(c − (k+1)m + μ₀)² + 2(k+1)²s²] against the KL form's
   * s²[(c − km)² + 2k²s²] (c = Σ_i x_i/σ²), smaller here since m &lt; 0 &lt; c. Measured over
   * 4,000 one-particle calls (seeds 51–53): log-scale ratio 0.78–0.79, loc ratio 0.694.
   */
  @Test
  void estimate_klForm_hasLowerGradientVarianceThanReparam() {
    NormalNormalModel model = Fixtures.model(true);
    int d = guide.loc().cols();
    Gradients plain = Gradients.sample(new ReparamEstimator(1), model, guide, guide, 4000, 31);
    Gradients kl = Gradients.sample(new ReparamAnalyticEstimator(1), model, guide, guide, 4000, 31);
    double logScaleRatio = kl.totalVariance(d, 2 * d) / plain.totalVariance(d, 2 * d);
    assertTrue(logScaleRatio < 1, "variance ratio analytic(KL)/reparam, log-scale: " + logScaleRatio);
    double locRatio = kl.totalVariance(0, d) / plain.totalVariance(0, d);
    assertEquals(25.0 / 36.0, locRatio, 1e-9, "variance ratio analytic(KL)/reparam, loc");
  }

  /**
   * For a Normal factor the pathwise derivative of log q(z(φ); φ) is exactly −1 in ω and 0 in m, so
   * the entropy form gives, draw for draw, the same gradient as reparam (variance ratio 1.000,
   * measured). Its reported value is not less variable here: −log q = ε²/2 + const partly cancels
   * the −ε² terms of log p, so the Monte Carlo −log q acts as a control variate (measured SE of
   * the value 0.376 with the entropy against 0.360 without, seed 32). Both values are unbiased.
   */
  @Test
  void estimate_entropyForm_sameGradientAsReparamDrawForDraw() {
    NormalNormalModel model = Fixtures.model(false);
    Gradients plain = Gradients.sample(new ReparamEstimator(1), model, guide, guide, 1000, 32);
    Gradients ent = Gradients.sample(new ReparamAnalyticEstimator(1), model, guide, guide, 1000, 32);
    for (int i = 0; i < 1000; i++) {
      for (int c = 0; c < plain.components(); c++) {
        double a = plain.gradients()[i][c];
        assertEquals(a, ent.gradients()[i][c], 1e-9 * (1 + Math.abs(a)), "call " + i + ", " + c);
      }
    }
    assertEquals(NormalNormalElbo.value(model, guide), ent.valueMean(),
        4 * ent.valueStandardError());
  }

  @Test
  void estimate_oneParticle_standardErrorIsNaN_valueFinite() {
    NormalNormalModel model = Fixtures.model(true);
    ElboEstimate e = new ReparamAnalyticEstimator(1).estimate(model, guide,
        Batch.full(model.dataTensor()), Rng.seeded(2));
    assertTrue(Double.isFinite(e.value()));
    assertTrue(Double.isNaN(e.standardError()));
  }

  @Test
  void check_acceptsClosedFormFactorsWithOrWithoutDeclaredPriors() {
    ReparamAnalyticEstimator est = new ReparamAnalyticEstimator(1);
    assertEquals(List.of(), est.check(Fixtures.model(true), guide));
    assertEquals(List.of(), est.check(Fixtures.model(false), guide));
  }

  @Test
  void check_refusesANonReparameterizableGuide() {
    List<String> problems = new ReparamAnalyticEstimator(1).check(Fixtures.model(true),
        Fixtures.guide(false));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("needs a reparameterizable guide")
        && problems.get(0).contains("'score-function'"), problems.get(0));
  }

  @Test
  void check_refusesAGuideWithoutFactors_namingTheLatentAndWhatWorks() {
    List<String> problems = new ReparamAnalyticEstimator(1).check(Fixtures.model(true),
        guide.opaque());
    assertEquals(1, problems.size(), problems.toString());
    String msg = problems.get(0);
    assertTrue(msg.contains("latent 'z'") && msg.contains("no distribution factor")
        && msg.contains("mean-field normal") && msg.contains("PriorSpec"), msg);
    ReparamAnalyticEstimator est = new ReparamAnalyticEstimator(1);
    NormalNormalModel model = Fixtures.model(true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> est.estimate(model, guide.opaque(), Batch.full(model.dataTensor()), Rng.seeded(1)));
    assertEquals(msg, e.getMessage());
  }

  @Test
  void check_refusesAFactorWithoutEntropy_sayingWhyForEachModel() {
    ReparamAnalyticEstimator est = new ReparamAnalyticEstimator(1);
    String noPrior = est.check(Fixtures.model(false), guide.withoutEntropy()).get(0);
    assertTrue(noPrior.contains("latent 'z'") && noPrior.contains("no closed-form entropy")
        && noPrior.contains("declares no prior"), noPrior);
    String noPair = est.check(Fixtures.model(true), guide.withoutEntropy()).get(0);
    assertTrue(noPair.contains("no closed-form KL(NoEntropyNormal ‖ Normal) is registered"), noPair);
  }

  @Test
  void constructor_refusesNonPositiveParticles() {
    assertThrows(IllegalArgumentException.class, () -> new ReparamAnalyticEstimator(-1));
  }
}
