package org.vi4j.models.lda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vi4j.core.math.SpecialFunctions.digamma;
import static org.vi4j.core.math.SpecialFunctions.lgamma;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.data.Corpus;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ConditionallyConjugate;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * {@link LdaModel}'s local step, global optimum and closed-form ELBO against direct computations
 * with explicit per-word φ, and the optimality conditions they must satisfy.
 */
class LdaModelTest extends Vi4jTestBase {

  static final int K = 3;
  static final int V = 12;
  static final double ALPHA = 0.3;
  static final double ETA = 0.2;

  /** A small corpus from LDA itself (seeded), K = 3, V = 12, 8 documents of 15 tokens. */
  static SyntheticCorpus small() {
    return SyntheticCorpus.generate(new SyntheticCorpus.Spec(K, V, 8, 4, 15, ALPHA, ETA), 11);
  }

  static Map<String, Tensor> global(LdaGuide q) {
    return Map.of(LdaModel.TOPICS, q.naturalParameters(LdaModel.TOPICS, null));
  }

  /** One full-data step by hand: local step, locals written, λ = λ̂. */
  static ConditionallyConjugate.LocalResult sweep(LdaModel m, LdaGuide q) {
    Batch all = Batch.full(m.observed());
    ConditionallyConjugate.LocalResult r = m.localStep(global(q)).run(all);
    r.localNaturalParameters().forEach((l, eta) -> q.setNaturalParameters(l, all, eta));
    double[] stats = new double[m.statisticsLength()];
    r.addStatisticsTo(stats);
    m.globalOptimum(stats, 1.0, global(q)).forEach((l, eta) -> q.setNaturalParameters(l, all, eta));
    return r;
  }

  /**
   * The local step's statistics are Σ_d n_dw φ_dwk with φ ∝ exp(E log θ + E log β) from the
   * returned γ, and its ELBO is the mean-field ELBO written term by term with that φ.
   */
  @Test
  void localStepMatchesExplicitPhi() {
    LdaModel m = LdaModel.of(small());
    LdaGuide q = new LdaGuide(m, Rng.seeded(4));
    sweep(m, q);                                            // move λ away from its start
    Batch all = Batch.full(m.observed());
    ConditionallyConjugate.LocalStep step = m.localStep(global(q));
    ConditionallyConjugate.LocalResult r = step.run(all);
    double[] stats = new double[K * V];
    r.addStatisticsTo(stats);
    double[][] gamma = new double[m.documents()][K];
    double[] g1 = r.localNaturalParameters().get(LdaModel.PROPORTIONS).toArray();
    for (int d = 0; d < gamma.length; d++) {
      for (int c = 0; c < K; c++) {
        gamma[d][c] = g1[d * K + c] + 1;
      }
    }
    double[][] lambda = q.topicConcentrations();
    double[][] elogBeta = new double[K][V];
    for (int c = 0; c < K; c++) {
      double psiSum = digamma(Arrays.stream(lambda[c]).sum());
      for (int w = 0; w < V; w++) {
        elogBeta[c][w] = digamma(lambda[c][w]) - psiSum;
      }
    }
    double[] expected = new double[K * V];
    double elbo = 0;
    Corpus corpus = m.corpus();
    for (int d = 0; d < m.documents(); d++) {
      double[] elogTheta = new double[K];
      double psiSum = digamma(Arrays.stream(gamma[d]).sum());
      for (int c = 0; c < K; c++) {
        elogTheta[c] = digamma(gamma[d][c]) - psiSum;
      }
      for (int j = corpus.start(d); j < corpus.end(d); j++) {
        int w = corpus.wordId(j);
        int n = corpus.count(j);
        double[] phi = new double[K];
        double z = 0;
        for (int c = 0; c < K; c++) {
          phi[c] = Math.exp(elogTheta[c] + elogBeta[c][w]);
          z += phi[c];
        }
        for (int c = 0; c < K; c++) {
          phi[c] /= z;
          expected[w * K + c] += n * phi[c];
          // E log p(z | θ) + E log p(w | z, β) − E log q(z), per token of word w
          elbo += n * phi[c] * (elogTheta[c] + elogBeta[c][w] - Math.log(phi[c]));
        }
      }
      // E log p(θ | α) − E log q(θ | γ)
      elbo += lgamma(K * ALPHA) - K * lgamma(ALPHA) - lgamma(Arrays.stream(gamma[d]).sum());
      for (int c = 0; c < K; c++) {
        elbo += (ALPHA - 1) * elogTheta[c] + lgamma(gamma[d][c]) - (gamma[d][c] - 1) * elogTheta[c];
      }
    }
    for (int c = 0; c < K; c++) {
      elbo += lgamma(V * ETA) - V * lgamma(ETA) - lgamma(Arrays.stream(lambda[c]).sum());
      for (int w = 0; w < V; w++) {
        elbo += (ETA - 1) * elogBeta[c][w] + lgamma(lambda[c][w])
            - (lambda[c][w] - 1) * elogBeta[c][w];
      }
    }
    for (int i = 0; i < K * V; i++) {
      assertEquals(expected[i], stats[i], 1e-11 * (1 + expected[i]), "statistic " + i);
    }
    assertEquals(elbo, r.localElbo() + step.globalElbo(), 1e-9 * Math.abs(elbo));
    assertEquals(corpus.tokens(), Arrays.stream(stats).sum(), 1e-9, "φ sums to one per token");
  }

  /** γ is a fixed point of its update (to the 1e-3 tolerance) for every document. */
  @Test
  void gammaIsAFixedPointOfItsUpdate() {
    LdaModel m = LdaModel.of(small());
    LdaGuide q = new LdaGuide(m, Rng.seeded(4));
    sweep(m, q);
    sweep(m, q);
    double[][] gamma = q.proportionConcentrations();
    double[][] w = LdaEvaluation.expElogTopics(q.topicConcentrations());
    Corpus corpus = m.corpus();
    for (int d = 0; d < m.documents(); d++) {
      double[] e = new double[K];
      DocumentInference.expectation(gamma[d], e);
      double change = 0;
      for (int c = 0; c < K; c++) {
        double t = 0;
        for (int j = corpus.start(d); j < corpus.end(d); j++) {
          int word = corpus.wordId(j);
          double s = 0;
          for (int cc = 0; cc < K; cc++) {
            s += e[cc] * w[cc][word];
          }
          t += corpus.count(j) * w[c][word] / s;
        }
        change += Math.abs(ALPHA + e[c] * t - gamma[d][c]);
      }
      assertTrue(change / K < DocumentInference.TOLERANCE, "document " + d + ": " + change / K);
    }
  }

  /**
   * The closed-form ELBO is stationary where the updates say it is: in γ_d at a tightly converged
   * fixed point, and in λ at λ̂ = η + Σ n φ given γ (φ re-optimised inside the ELBO, so by the
   * envelope theorem its λ-gradient is the fixed-φ one, zero at λ̂). Central differences.
   */
  @Test
  void closedFormElboIsStationaryAtTheUpdates() {
    LdaModel m = LdaModel.of(small());
    LdaGuide q = new LdaGuide(m, Rng.seeded(5));
    sweep(m, q);
    // tight γ for document 2 given λ
    DocumentInference tight = new DocumentInference(K, ALPHA, 100_000, 1e-14);
    double[] wt = LdaEvaluation.wordMajor(LdaEvaluation.expElogTopics(q.topicConcentrations()), V);
    tight.fit(m.corpus(), 2, wt);
    double[] g = tight.gamma().clone();
    Batch doc2 = Batch.of(Tensor.column(2), new int[] {2}, m.documents());
    double[] eta = g.clone();
    for (int c = 0; c < K; c++) {
      eta[c] -= 1;
    }
    q.setNaturalParameters(LdaModel.PROPORTIONS, doc2, Tensor.row(eta));
    double h = 1e-5;
    for (int c = 0; c < K; c++) {
      double[] up = eta.clone();
      double[] down = eta.clone();
      up[c] += h;
      down[c] -= h;
      q.setNaturalParameters(LdaModel.PROPORTIONS, doc2, Tensor.row(up));
      double fUp = m.elbo(q);
      q.setNaturalParameters(LdaModel.PROPORTIONS, doc2, Tensor.row(down));
      double fDown = m.elbo(q);
      assertEquals(0, (fUp - fDown) / (2 * h), 1e-5, "dELBO/dγ_2," + c);
    }
    q.setNaturalParameters(LdaModel.PROPORTIONS, doc2, Tensor.row(eta));
    // λ = λ̂ given the stored γ: φ from (γ, λ_old), then λ̂ = η + Σ n φ — recomputed here by
    // iterating λ ← λ̂(γ, λ) with γ held fixed until it stops moving (a fixed point in λ)
    Batch all = Batch.full(m.observed());
    for (int it = 0; it < 200; it++) {
      double[] stats = fixedGammaStatistics(m, q);
      m.globalOptimum(stats, 1.0, global(q)).forEach((l, e) -> q.setNaturalParameters(l, all, e));
    }
    double[] lam = q.naturalParameters(LdaModel.TOPICS, null).toArray();
    for (int i : new int[] {0, 5, V + 3, 2 * V + 11}) {
      double[] up = lam.clone();
      double[] down = lam.clone();
      up[i] += h;
      down[i] -= h;
      q.setNaturalParameters(LdaModel.TOPICS, all, Tensor.row(up));
      double fUp = m.elbo(q);
      q.setNaturalParameters(LdaModel.TOPICS, all, Tensor.row(down));
      double fDown = m.elbo(q);
      assertEquals(0, (fUp - fDown) / (2 * h), 1e-5, "dELBO/dλ at entry " + i);
    }
    // and a point off the optimum has a clearly non-zero gradient (the check can fail)
    double[] off = lam.clone();
    off[5] += 1.0;
    q.setNaturalParameters(LdaModel.TOPICS, all, Tensor.row(off));
    double base = m.elbo(q);
    off[5] += h;
    q.setNaturalParameters(LdaModel.TOPICS, all, Tensor.row(off));
    assertTrue(Math.abs(m.elbo(q) - base) / h > 1e-2);
  }

  /** Σ_d n_dw φ_dwk with φ from the guide's stored γ and λ (no γ update). */
  private static double[] fixedGammaStatistics(LdaModel m, LdaGuide q) {
    double[][] w = LdaEvaluation.expElogTopics(q.topicConcentrations());
    double[][] gamma = q.proportionConcentrations();
    double[] stats = new double[K * V];
    Corpus corpus = m.corpus();
    double[] e = new double[K];
    for (int d = 0; d < m.documents(); d++) {
      DocumentInference.expectation(gamma[d], e);
      for (int j = corpus.start(d); j < corpus.end(d); j++) {
        int word = corpus.wordId(j);
        double s = 0;
        for (int c = 0; c < K; c++) {
          s += e[c] * w[c][word];
        }
        for (int c = 0; c < K; c++) {
          stats[word * K + c] += corpus.count(j) * e[c] * w[c][word] / s;
        }
      }
    }
    return stats;
  }

  /** After a step writes its locals, the closed form equals the step's own ELBO. */
  @Test
  void closedFormElboEqualsTheStepElbo() {
    LdaModel m = LdaModel.of(small());
    LdaGuide q = new LdaGuide(m, Rng.seeded(6));
    sweep(m, q);
    Batch all = Batch.full(m.observed());
    ConditionallyConjugate.LocalStep step = m.localStep(global(q));
    ConditionallyConjugate.LocalResult r = step.run(all);
    r.localNaturalParameters().forEach((l, eta) -> q.setNaturalParameters(l, all, eta));
    double closed = m.closedFormElbo(q).orElseThrow();
    assertEquals(r.localElbo() + step.globalElbo(), closed, 1e-9 * Math.abs(closed));
    // parts add up: two halves give the whole
    Batch first = Batch.of(Tensor.column(0, 1, 2), new int[] {0, 1, 2}, m.documents());
    Batch rest = Batch.of(Tensor.column(3, 4, 5, 6, 7), new int[] {3, 4, 5, 6, 7}, m.documents());
    double[] whole = new double[K * V];
    r.addStatisticsTo(whole);
    double[] parts = new double[K * V];
    ConditionallyConjugate.LocalResult a = step.run(first);
    ConditionallyConjugate.LocalResult b = step.run(rest);
    a.addStatisticsTo(parts);
    b.addStatisticsTo(parts);
    for (int i = 0; i < whole.length; i++) {
      assertEquals(whole[i], parts[i], 1e-12 * (1 + whole[i]));
    }
    assertEquals(r.localElbo(), a.localElbo() + b.localElbo(), 1e-9 * Math.abs(r.localElbo()));
  }

  /**
   * The z-collapsed bound E_q[log p(w, θ, β)] − E_q[log q(θ, β)] (logJoint with draws) is at least
   * the mean-field ELBO (Jensen: Σ φ log(θβ/φ) ≤ log Σ θβ), estimated with 4,000 draws.
   */
  @Test
  void collapsedMonteCarloBoundIsAtLeastTheMeanFieldElbo() {
    SyntheticCorpus s = SyntheticCorpus.generate(new SyntheticCorpus.Spec(K, V, 6, 0, 12, 1.0,
        1.0), 3);
    LdaModel m = LdaModel.of(s);
    LdaGuide q = new LdaGuide(m, Rng.seeded(1));
    for (int i = 0; i < 5; i++) {
      sweep(m, q);
    }
    Batch all = Batch.full(m.observed());
    m.localStep(global(q)).run(all).localNaturalParameters()
        .forEach((l, eta) -> q.setNaturalParameters(l, all, eta));
    double closed = m.elbo(q);
    Draw d = q.draw(all, Rng.seeded(2), 4000);
    double[] v = m.logJoint(d.z(), all).sub(d.logQ()).toArray();
    double mean = Arrays.stream(v).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
    double se = sd / Math.sqrt(v.length);
    assertTrue(mean > closed - 4 * se, "collapsed " + mean + " ± " + se + " vs mean-field " + closed);
    assertTrue(mean - closed < 0.05 * Math.abs(closed), "not absurdly far: " + mean + " " + closed);
  }

  @Test
  void refusesBadInputWithWhatAndWhere() {
    Corpus c = small().train();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new LdaModel(c, 1, 0.1, 0.1))
        .getMessage().contains("K must be >= 2"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new LdaModel(c, 3, Double.NaN, 0.1)).getMessage().contains("alpha = NaN"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new LdaModel(c, 3, 0.1, 0))
        .getMessage().contains("eta = 0.0"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new LdaModel(Corpus.builder(4).build(), 3, 0.1, 0.1)).getMessage()
        .contains("no documents"));
    LdaModel m = new LdaModel(c, 3, 0.1, 0.1);
    LdaGuide q = new LdaGuide(m, Rng.seeded(1));
    Batch all = Batch.full(m.observed());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> q.setNaturalParameters(LdaModel.TOPICS, all, Tensor.row(-1, 0, 0)));
    assertTrue(e.getMessage().contains("must be 1x" + (3 * V)), e.getMessage());
    double[] bad = new double[3 * V];
    bad[7] = -1.5;
    double before = q.topicConcentrations()[0][7];
    e = assertThrows(IllegalArgumentException.class,
        () -> q.setNaturalParameters(LdaModel.TOPICS, all, Tensor.row(bad)));
    assertTrue(e.getMessage().contains("natural parameter 7 = -1.5 is outside the family"),
        e.getMessage());
    assertEquals(before, q.topicConcentrations()[0][7], "nothing written");
    e = assertThrows(IllegalArgumentException.class, () -> q.expectedSufficientStatistics("theta",
        all));
    assertTrue(e.getMessage().contains("known: [topics, proportions]"), e.getMessage());
    Batch outside = Batch.of(Tensor.column(0), new int[] {20}, 30);
    e = assertThrows(IllegalArgumentException.class, () -> m.localStep(global(q)).run(outside));
    assertTrue(e.getMessage().contains("batch row 20"), e.getMessage());
    LdaModel other = new LdaModel(c, 4, 0.1, 0.1);
    assertTrue(other.closedFormElbo(q).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> other.elbo(q));
    Map<String, Tensor> missing = new LinkedHashMap<>();
    e = assertThrows(IllegalArgumentException.class, () -> m.localStep(missing));
    assertTrue(e.getMessage().contains("lack 'topics'"), e.getMessage());
    assertEquals(List.of("topics"), m.globalLatents());
  }
}
