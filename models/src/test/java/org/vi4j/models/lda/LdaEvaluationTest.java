package org.vi4j.models.lda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vi4j.core.data.Corpus;
import org.vi4j.core.random.Rng;
import org.vi4j.core.testing.Vi4jTestBase;

class LdaEvaluationTest extends Vi4jTestBase {

  @Test
  void recoveryOfPermutedTopicsIsPerfect() {
    double[][] truth = new double[4][30];
    for (double[] t : truth) {
      for (int w = 0; w < 30; w++) {
        t[w] = rand.nextDouble();
      }
    }
    int[] perm = {2, 0, 3, 1};
    double[][] fitted = new double[4][];
    for (int i = 0; i < 4; i++) {
      fitted[perm[i]] = truth[i].clone();
      for (int w = 0; w < 30; w++) {
        fitted[perm[i]][w] *= 3;                           // the scale does not matter
      }
    }
    LdaEvaluation.Recovery r = LdaEvaluation.topicRecovery(fitted, truth);
    assertEquals(1.0, r.meanCosine(), 1e-12);
    assertArrayEquals(perm, r.match());
    // a greedy best match could pair two true topics with one fitted one; the matching does not
    double[][] doubled = {truth[0], truth[0].clone(), truth[1], truth[2]};
    LdaEvaluation.Recovery d = LdaEvaluation.topicRecovery(doubled, truth);
    assertTrue(d.meanCosine() < 1 - 1e-3, d.toString());
    assertThrows(IllegalArgumentException.class,
        () -> LdaEvaluation.topicRecovery(new double[2][30], truth));
  }

  /** Uniform topics predict every word with probability 1/V: perplexity V exactly. */
  @Test
  void uniformTopicsHavePerplexityV() {
    SyntheticCorpus s = SyntheticCorpus.generate(new SyntheticCorpus.Spec(3, 40, 5, 20, 30, 0.5,
        0.2), 1);
    double[][] uniform = new double[3][40];
    for (double[] u : uniform) {
      Arrays.fill(u, 1.0 / 40);
    }
    assertEquals(40, LdaEvaluation.completionPerplexity(s.heldOutObserved(), s.heldOutScored(),
        uniform, uniform, 0.5), 1e-9);
    double truth = s.trueCompletionPerplexity();
    assertTrue(truth < 40, "the true topics beat uniform: " + truth);
  }

  @Test
  void completionSplitKeepsEveryToken() {
    Corpus.Builder b = Corpus.builder(6);
    b.add(new int[] {0, 3, 5}, new int[] {3, 1, 3});
    b.add(new int[] {2}, new int[] {1});
    b.add(new int[] {}, new int[] {});
    Corpus[] halves = LdaEvaluation.completionSplit(b.build(), Rng.seeded(3));
    assertEquals(3, halves[0].length(0));
    assertEquals(4, halves[1].length(0));
    assertEquals(0, halves[0].length(1));
    assertEquals(1, halves[1].length(1));
    assertEquals(0, halves[1].length(2));
    int[] total = new int[6];
    for (Corpus h : halves) {
      for (int j = h.start(0); j < h.end(0); j++) {
        total[h.wordId(j)] += h.count(j);
      }
    }
    assertArrayEquals(new int[] {3, 0, 0, 1, 0, 3}, total);
  }

  @Test
  void topWordsAreSortedByWeight() {
    int[][] top = LdaEvaluation.topWords(new double[][] {{0.1, 0.5, 0.2, 0.2}}, 3);
    assertArrayEquals(new int[] {1, 2, 3}, top[0]);
  }

  @Test
  void perplexityRefusesMismatchedInput() {
    SyntheticCorpus s = SyntheticCorpus.generate(new SyntheticCorpus.Spec(3, 40, 5, 20, 30, 0.5,
        0.2), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LdaEvaluation.completionPerplexity(s.heldOutObserved(), s.train(), s.topics(),
            s.topics(), 0.5));
    assertTrue(e.getMessage().contains("20 observed halves but 5 scored halves"), e.getMessage());
    double[][] bad = s.topics();
    bad[1][3] = Double.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> LdaEvaluation.inferProportions(
        s.heldOutObserved(), bad, 0.5));
    assertTrue(e.getMessage().contains("entry (1, 3) = NaN"), e.getMessage());
  }
}
