package org.vi4j.models.bernoullitopic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.data.Corpus;
import org.vi4j.core.distributions.Bernoulli;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ExactEvidence;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.testing.GradientCheck;
import org.vi4j.core.testing.Vi4jTestBase;

class BernoulliTopicModelTest extends Vi4jTestBase {

  /** Four documents over five words, one of them empty. */
  private static Corpus corpus() {
    return Corpus.builder(5)
        .add(new int[] {0, 2}, new int[] {3, 1})
        .add(new int[] {1, 3, 4}, new int[] {1, 1, 2})
        .add(new int[] {}, new int[] {})
        .addTokens(new int[] {4, 4, 0, 2, 2, 2})
        .build();
  }

  private static Latents codes(int particles, double[][] z) {
    return Latents.builder(particles).put("z", Tensor.of(z)).build();
  }

  /** log p(x_i, z) by hand: Σ_w n_w log softmax(zW + b)_w + Σ_j log Bernoulli(z_j; α). */
  private static double byHand(BernoulliTopicModel m, DMatrixRMaj counts, int row, double[] z) {
    double[] logits = m.decoder().forward(Tensor.row(z)).toArray();
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double s = 0;
    for (double l : logits) {
      s += Math.exp(l - max);
    }
    double lse = max + Math.log(s);
    double r = 0;
    for (int w = 0; w < logits.length; w++) {
      r += counts.get(row, w) * (logits[w] - lse);
    }
    for (double zj : z) {
      r += zj * Math.log(m.alpha()) + (1 - zj) * Math.log1p(-m.alpha());
    }
    return r;
  }

  @Test
  void logJointIsTheScaledSumOfTheWordsAndThePrior() {
    for (int[] hidden : new int[][] {{}, {3}}) {
      BernoulliTopicModel m = BernoulliTopicModel.builder(corpus()).factors(2).alpha(0.2)
          .hidden(hidden).seed(5).build();
      Batch b = Batch.of(m.corpus().denseCounts(new int[] {1, 2, 3}), new int[] {1, 2, 3}, 4);
      double[][] z = {{1, 0}, {0, 0}, {1, 1}, {0, 1}, {1, 1}, {0.3, 0.8}};   // 2 particles x 3 rows
      double[] rows = m.logJointPerRow(codes(2, z), b).toArray();
      double[] expected = new double[2];
      for (int p = 0; p < 2; p++) {
        for (int i = 0; i < 3; i++) {
          double r = byHand(m, b.data().value(), i, z[p * 3 + i]);
          assertEquals(r, rows[p * 3 + i], 1e-10, "hidden " + hidden.length + ", row " + i);
          expected[p] += 4.0 / 3 * r;
        }
      }
      assertArrayEquals(expected, m.logJoint(codes(2, z), b).toArray(), 1e-9);
    }
  }

  /** Codes shared by every row of a particle (enumeration's layout) take the one-decoder path. */
  @Test
  void sharedCodesGiveTheSameLogJointAndGradient() {
    for (int[] hidden : new int[][] {{}, {3}}) {
      BernoulliTopicModel m = BernoulliTopicModel.builder(corpus()).factors(2).hidden(hidden)
          .seed(6).build();
      Batch b = Batch.full(m.observed());
      double[][] z = new double[12][];
      for (int r = 0; r < 12; r++) {
        z[r] = r < 4 ? new double[] {1, 0} : r < 8 ? new double[] {0, 0} : new double[] {1, 1};
      }
      m.parameters().zeroGrad();
      double[] rows;
      try (Tape t = Tape.record()) {
        t.watch(m.parameters());
        Tensor out = m.logJointPerRow(codes(3, z), b);
        rows = out.toArray();
        t.backward(out.sum());
      }
      double[] fast = m.parameters().get("decoder.0.weight").grad().data.clone();
      for (int r = 0; r < 12; r++) {
        assertEquals(byHand(m, b.data().value(), r % 4, z[r]), rows[r], 1e-10, "row " + r);
      }
      // one row differing by the smallest double forces the general path
      z[5] = new double[] {Double.MIN_VALUE, 0};
      m.parameters().zeroGrad();
      try (Tape t = Tape.record()) {
        t.watch(m.parameters());
        t.backward(m.logJointPerRow(codes(3, z), b).sum());
      }
      assertArrayEquals(fast, m.parameters().get("decoder.0.weight").grad().data, 1e-9);
    }
  }

  @Test
  void outputBiasStartsAtTheSmoothedUnigramFrequencies() {
    BernoulliTopicModel m = BernoulliTopicModel.builder(corpus()).factors(2).build();
    double[] bias = m.parameters().get("decoder.0.bias").toArray();
    // counts per word over the corpus: 4, 1, 4, 1, 4 (14 tokens)
    double[] c = {4, 1, 4, 1, 4};
    for (int w = 0; w < 5; w++) {
      assertEquals(Math.log((c[w] + 0.5) / (14 + 2.5)), bias[w], 1e-12);
    }
  }

  /** The log joint is differentiable in z (relaxed values) and in θ, checked by central differences. */
  @Test
  void gradientsMatchFiniteDifferences() {
    BernoulliTopicModel m = BernoulliTopicModel.builder(corpus()).factors(3).hidden(4).seed(3)
        .build();
    Batch b = Batch.full(m.observed());
    DMatrixRMaj z = GradientCheck.uniform(rand, 8, 3, 0.05, 0.95);   // 2 particles x 4 rows
    Tensor zv = Tensor.variable(z);
    m.parameters().zeroGrad();
    try (Tape t = Tape.record()) {
      t.watch(m.parameters());
      t.watch(zv);
      t.backward(m.logJoint(codes(2, zv), b).sum());
    }
    for (int k = 0; k < z.getNumElements(); k++) {
      double x = z.data[k];
      DMatrixRMaj up = z.copy();
      up.data[k] = x + 1e-5;
      DMatrixRMaj down = z.copy();
      down.data[k] = x - 1e-5;
      double numeric = (m.logJoint(codes(2, Tensor.constant(up)), b).sum().item()
          - m.logJoint(codes(2, Tensor.constant(down)), b).sum().item()) / 2e-5;
      assertEquals(numeric, zv.grad().data[k], 1e-6 * Math.max(1, Math.abs(numeric)), "z[" + k + "]");
    }
    Latents fixed = codes(2, Tensor.constant(z));
    for (Param p : m.parameters()) {
      for (int k : new int[] {0, p.size() / 2, p.size() - 1}) {
        double x = p.value().data[k];
        double h = 1e-5;
        p.value().data[k] = x + h;
        double up = m.logJoint(fixed, b).sum().item();
        p.value().data[k] = x - h;
        double down = m.logJoint(fixed, b).sum().item();
        p.value().data[k] = x;
        double numeric = (up - down) / (2 * h);
        assertEquals(numeric, p.grad().data[k], 1e-6 * Math.max(1, Math.abs(numeric)),
            p.name() + "[" + k + "]");
      }
    }
  }

  private static Latents codes(int particles, Tensor z) {
    return Latents.builder(particles).put("z", z).build();
  }

  @Test
  void exactEvidenceIsTheSumOverAllConfigurations() {
    BernoulliTopicModel m = BernoulliTopicModel.builder(corpus()).factors(3).alpha(0.4).seed(7)
        .build();
    Batch b = Batch.full(m.observed());
    double total = 0;
    for (int d = 0; d < 4; d++) {
      double[] terms = new double[8];
      for (int s = 0; s < 8; s++) {
        double[] z = {s & 1, (s >> 1) & 1, (s >> 2) & 1};
        terms[s] = byHand(m, b.data().value(), d, z);
      }
      double max = java.util.Arrays.stream(terms).max().orElseThrow();
      double sum = 0;
      for (double t : terms) {
        sum += Math.exp(t - max);
      }
      double logPx = max + Math.log(sum);
      assertEquals(logPx, m.logEvidencePerDocument(m.observed())[d], 1e-10, "document " + d);
      total += logPx;
    }
    assertEquals(total, m.logEvidence(), 1e-9);
    assertEquals(0.0, m.logEvidencePerDocument(m.observed())[2], 1e-12, "an empty document");
    assertTrue(m.as(ExactEvidence.class).isPresent());
    BernoulliTopicModel big = BernoulliTopicModel.builder(corpus()).factors(13).build();
    assertTrue(big.as(ExactEvidence.class).isEmpty());
    assertTrue(assertThrows(IllegalStateException.class, big::logEvidence).getMessage()
        .contains("K <= 12, this model has K = 13"));
  }

  @Test
  void declaresItsBernoulliPriorAndFactorEffects() {
    BernoulliTopicModel m = BernoulliTopicModel.builder(corpus()).factors(2).alpha(0.25).build();
    assertEquals(List.of("z"), m.priorLatents());
    Bernoulli prior = (Bernoulli) m.prior("z");
    assertEquals("1x2", prior.logits().shape());
    assertEquals(0.25, prior.probs().get(0, 1), 1e-12);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> m.prior("x")).getMessage()
        .contains("known: [z]"));
    double[][] w = {{1, 2, 3, 4, 5}, {0, -1, 0, 1, 0}};
    double[] bias = {0.1, 0.2, 0.3, 0.4, 0.5};
    m.setLinearDecoder(w, bias);
    double[][] e = m.factorEffects();
    assertArrayEquals(w[0], e[0], 1e-12);
    assertArrayEquals(w[1], e[1], 1e-12);
    BernoulliTopicModel deep = BernoulliTopicModel.builder(corpus()).factors(2).hidden(3).build();
    assertThrows(IllegalStateException.class, () -> deep.setLinearDecoder(w, bias));
    assertEquals(2, deep.factorEffects().length);
  }

  @Test
  void refusesBadShapesAndOptions() {
    BernoulliTopicModel m = BernoulliTopicModel.builder(corpus()).factors(2).build();
    Batch b = Batch.full(m.observed());
    String msg = assertThrows(IllegalArgumentException.class,
        () -> m.logJoint(codes(1, new double[][] {{1, 0, 1}}), b)).getMessage();
    assertTrue(msg.contains("expected 4x2"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> m.logJoint(
        codes(1, new double[4][2]), Batch.full(Tensor.zeros(4, 3)))).getMessage();
    assertTrue(msg.contains("vocabulary has 5 words"), msg);
    assertThrows(IllegalArgumentException.class,
        () -> BernoulliTopicModel.builder(corpus()).alpha(1.0));
    assertThrows(IllegalArgumentException.class,
        () -> BernoulliTopicModel.builder(corpus()).factors(0));
    assertThrows(IllegalArgumentException.class,
        () -> BernoulliTopicModel.builder(Corpus.builder(3).build()));
  }

  @Test
  void providerDrawsTheSyntheticCorpus() {
    BernoulliTopicProvider p = new BernoulliTopicProvider();
    BernoulliTopicModel m = (BernoulliTopicModel) p.create(Options.empty().with("factors", 3)
        .with("documents", 50).with("held-out", 7).with("vocabulary", 30).with("length", 20)
        .with("hidden", "4").checkedFor("model 'bernoulli-topic'", p.options()));
    assertEquals(3, m.factors());
    assertEquals(50, m.observed().rows());
    assertEquals(30, m.vocabularySize());
    assertEquals(1, m.hidden().length);
    BernoulliTopicData data = m.source().orElseThrow();
    assertSame(data.train(), m.corpus());
    assertEquals(7, data.heldOut().documents());
    assertEquals(3, data.factors());
    assertEquals(20, m.corpus().length(0));
    String msg = assertThrows(IllegalArgumentException.class, () -> p.create(Options.empty()
        .with("factors", 8).with("vocabulary", 10)
        .checkedFor("model 'bernoulli-topic'", p.options()))).getMessage();
    assertTrue(msg.contains("vocabulary must be >= 16"), msg);
  }
}
