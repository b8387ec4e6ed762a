package org.vi4j.models.lda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vi4j.core.data.Corpus;
import org.vi4j.core.testing.Vi4jTestBase;

class SyntheticCorpusTest extends Vi4jTestBase {

  private static final SyntheticCorpus.Spec SPEC =
      new SyntheticCorpus.Spec(4, 50, 400, 30, 40, 0.5, 0.1);

  private static String fingerprint(Corpus c) {
    StringBuilder b = new StringBuilder();
    for (int j = 0; j < c.nonZeros(); j++) {
      b.append(c.wordId(j)).append(':').append(c.count(j)).append(' ');
    }
    for (int d = 0; d <= c.documents(); d++) {
      b.append(d < c.documents() ? c.start(d) : c.nonZeros()).append(',');
    }
    return b.toString();
  }

  @Test
  void sameSeedSameCorpusOtherSeedAnother() {
    SyntheticCorpus a = SyntheticCorpus.generate(SPEC, 5);
    SyntheticCorpus b = SyntheticCorpus.generate(SPEC, 5);
    SyntheticCorpus c = SyntheticCorpus.generate(SPEC, 6);
    assertEquals(fingerprint(a.train()), fingerprint(b.train()));
    assertEquals(fingerprint(a.heldOutScored()), fingerprint(b.heldOutScored()));
    assertTrue(Arrays.deepEquals(a.topics(), b.topics()));
    assertNotEquals(fingerprint(a.train()), fingerprint(c.train()));
  }

  @Test
  void shapesAndHalves() {
    SyntheticCorpus s = SyntheticCorpus.generate(SPEC, 5);
    assertEquals(400, s.train().documents());
    assertEquals(30, s.heldOut().documents());
    for (int d = 0; d < 400; d++) {
      assertEquals(40, s.train().length(d));
    }
    for (int d = 0; d < 30; d++) {
      assertEquals(20, s.heldOutObserved().length(d));
      assertEquals(20, s.heldOutScored().length(d));
      int[] whole = new int[50];
      int[] halves = new int[50];
      Corpus h = s.heldOut();
      for (int j = h.start(d); j < h.end(d); j++) {
        whole[h.wordId(j)] += h.count(j);
      }
      for (Corpus half : new Corpus[] {s.heldOutObserved(), s.heldOutScored()}) {
        for (int j = half.start(d); j < half.end(d); j++) {
          halves[half.wordId(j)] += half.count(j);
        }
      }
      assertTrue(Arrays.equals(whole, halves), "document " + d + " keeps its tokens");
    }
    for (double[] t : s.topics()) {
      assertEquals(1.0, Arrays.stream(t).sum(), 1e-12);
    }
    assertEquals(400, s.proportions().length);
    double ppl = s.trueCompletionPerplexity();
    assertTrue(ppl > 1 && ppl < 50, "true perplexity " + ppl);
  }

  /**
   * Word counts follow the process: Pearson's χ² of the training counts per word against their
   * expectation L Σ_d Σ_k θ_dk β_kw given the true θ and β, over the words expected at least 5
   * times; with ~50 cells a value above 120 has probability below 1e-7.
   */
  @Test
  void wordCountsMatchTheGeneratingProcess() {
    SyntheticCorpus s = SyntheticCorpus.generate(SPEC, 9);
    double[][] beta = s.topics();
    double[][] theta = s.proportions();
    double[] expected = new double[50];
    for (double[] th : theta) {
      for (int c = 0; c < 4; c++) {
        for (int w = 0; w < 50; w++) {
          expected[w] += 40 * th[c] * beta[c][w];
        }
      }
    }
    double[] observed = new double[50];
    Corpus t = s.train();
    for (int j = 0; j < t.nonZeros(); j++) {
      observed[t.wordId(j)] += t.count(j);
    }
    double chi2 = 0;
    int cells = 0;
    for (int w = 0; w < 50; w++) {
      if (expected[w] >= 5) {
        chi2 += (observed[w] - expected[w]) * (observed[w] - expected[w]) / expected[w];
        cells++;
      }
    }
    assertTrue(cells > 10, "cells " + cells);
    assertTrue(chi2 < 120, "chi2 " + chi2 + " over " + cells + " cells");
  }

  @Test
  void specIsValidated() {
    assertThrows(IllegalArgumentException.class,
        () -> new SyntheticCorpus.Spec(1, 50, 10, 0, 10, 0.1, 0.1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SyntheticCorpus.Spec(3, 50, 10, 0, 10, Double.NaN, 0.1));
    assertTrue(e.getMessage().contains("alpha = NaN"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new SyntheticCorpus.Spec(3, 50, 10, 0, 1, 0.1, 0.1));
    assertEquals(new SyntheticCorpus.Spec(20, 2000, 5000, 500, 100, 0.1, 0.01),
        SyntheticCorpus.Spec.ISSUE);
  }
}
