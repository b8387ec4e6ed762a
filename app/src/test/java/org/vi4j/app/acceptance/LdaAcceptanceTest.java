package org.vi4j.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.estimators.closedform.ClosedFormEstimator;
import org.vi4j.models.lda.LdaEvaluation;
import org.vi4j.models.lda.LdaGuide;
import org.vi4j.models.lda.LdaModel;
import org.vi4j.models.lda.SyntheticCorpus;
import org.vi4j.optimizers.cavi.Cavi;
import org.vi4j.optimizers.svi.Svi;

/**
 * Issue 7's LDA, small enough for the suite: a seeded synthetic corpus with K = 5 topics over 150
 * words (400 training documents of 80 tokens, 100 held out, α = 0.2, η = 0.05), fitted by
 * {@code cavi} (batch VB) and {@code svi} (minibatches of 50) with the model's guide and closed-form
 * ELBO. Both recover the true topics (Hungarian-matched mean cosine) and come close to the true
 * topics' completion perplexity; the trace of cavi rises; and the fit is bit-identical on 1, 2 and 3
 * threads. The full-size comparison with scikit-learn is {@code bench/.../LdaComparison}.
 */
class LdaAcceptanceTest {

  static final SyntheticCorpus CORPUS = SyntheticCorpus.generate(
      new SyntheticCorpus.Spec(5, 150, 400, 100, 80, 0.2, 0.05), 2024);

  record Fit(FitResult result, LdaGuide guide, double perplexity, double recovery) {}

  static Fit fit(Optimizer optimizer, int steps, int batch, long seed) {
    LdaModel model = LdaModel.of(CORPUS);
    LdaGuide guide = new LdaGuide(model, Rng.seeded(seed));
    Inference.Builder b = Inference.builder().model(model).guide(guide)
        .estimator(new ClosedFormEstimator()).optimizer(optimizer).stopAfterSteps(steps)
        .seed(seed);
    if (batch > 0) {
      b.batchSize(batch);
    }
    FitResult r = b.build().run();
    double[][] lambda = guide.topicConcentrations();
    double[][] mean = LdaEvaluation.meanTopics(lambda);
    double ppl = LdaEvaluation.completionPerplexity(CORPUS.heldOutObserved(),
        CORPUS.heldOutScored(), LdaEvaluation.expElogTopics(lambda), mean, model.alpha());
    return new Fit(r, guide, ppl, LdaEvaluation.topicRecovery(mean, CORPUS.topics()).meanCosine());
  }

  @Test
  void caviRecoversTheTopicsAndItsElboRises() {
    Fit f = fit(new Cavi(1.0, 2), 40, 0, 1);
    double truth = CORPUS.trueCompletionPerplexity();
    assertTrue(f.recovery() > 0.97, "recovery " + f.recovery());
    assertTrue(f.perplexity() < 1.03 * truth, f.perplexity() + " vs true " + truth);
    double[] trace = f.result().trace().elbo();
    // each step's γ is converged to mean |Δγ| < 1e-3, not exactly, so allow a hair of slack
    for (int t = 1; t < trace.length; t++) {
      assertTrue(trace[t] >= trace[t - 1] - 1e-6 * Math.abs(trace[t - 1]),
          "step " + t + ": " + trace[t - 1] + " -> " + trace[t]);
    }
    assertTrue(trace[trace.length - 1] > trace[0] + 1000, "the fit moved");
    assertEquals(0.0, f.result().elbo().standardError(), "closed-form final ELBO");
    assertTrue(f.result().elbo().value() >= trace[trace.length - 1] - 1e-6 * Math.abs(trace[0]));
  }

  @Test
  void sviRecoversTheTopicsFromMinibatches() {
    Fit f = fit(new Svi(1, 0.6, 2), 160, 50, 1);      // 20 epochs of 8 minibatches
    double truth = CORPUS.trueCompletionPerplexity();
    assertTrue(f.recovery() > 0.95, "recovery " + f.recovery());
    assertTrue(f.perplexity() < 1.06 * truth, f.perplexity() + " vs true " + truth);
    assertTrue(Double.isNaN(f.result().trace().elbo()[0]) == false);
  }

  /** Parts of 64 documents reduced in order: the thread count does not change a bit. */
  @Test
  void resultsAreBitIdenticalOnOneTwoAndThreeThreads() {
    double[][] cavi1 = fit(new Cavi(1.0, 1), 3, 0, 7).guide().topicConcentrations();
    double[][] svi1 = fit(new Svi(1, 0.7, 1), 4, 200, 7).guide().topicConcentrations();
    for (int threads = 2; threads <= 3; threads++) {
      double[][] c = fit(new Cavi(1.0, threads), 3, 0, 7).guide().topicConcentrations();
      double[][] s = fit(new Svi(1, 0.7, threads), 4, 200, 7).guide().topicConcentrations();
      for (int k = 0; k < c.length; k++) {
        assertArrayEquals(cavi1[k], c[k], 0.0, "cavi, " + threads + " threads, topic " + k);
        assertArrayEquals(svi1[k], s[k], 0.0, "svi, " + threads + " threads, topic " + k);
      }
    }
  }
}
