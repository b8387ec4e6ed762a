package org.vi4j.models.bernoullitopic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vi4j.core.data.Corpus;
import org.vi4j.core.testing.Vi4jTestBase;

class BernoulliTopicDataTest extends Vi4jTestBase {

  @Test
  void theSameSeedGivesTheSameTruthAndDocuments() {
    BernoulliTopicData a = BernoulliTopicData.generate(3, 4, 40, 30, 5, 25, 0.3);
    BernoulliTopicData b = BernoulliTopicData.generate(3, 4, 40, 30, 5, 25, 0.3);
    assertArrayEquals(a.bias(), b.bias(), 0.0);
    assertArrayEquals(a.weights()[2], b.weights()[2], 0.0);
    assertArrayEquals(a.train().denseCounts().toArray(), b.train().denseCounts().toArray(), 0.0);
    assertArrayEquals(a.heldOut().denseCounts().toArray(), b.heldOut().denseCounts().toArray(),
        0.0);
    BernoulliTopicData c = BernoulliTopicData.generate(4, 4, 40, 30, 5, 25, 0.3);
    assertTrue(c.bias()[0] != a.bias()[0]);
  }

  @Test
  void theTruthHasOneBlockOfWordsPerFactorAndNamedWords() {
    BernoulliTopicData d = BernoulliTopicData.generate(1, 4, 40, 10, 0, 5, 0.5);
    double[][] w = d.weights();
    int m = 40 / 8;
    for (int j = 0; j < 4; j++) {
      for (int i = 0; i < 40; i++) {
        boolean own = i >= j * m && i < (j + 1) * m;
        assertTrue(own ? w[j][i] >= BernoulliTopicData.LOW && w[j][i] < BernoulliTopicData.HIGH
            : w[j][i] == 0, "factor " + j + ", word " + i);
      }
    }
    Corpus c = d.train();
    assertEquals("t0-0", c.word(0));
    assertEquals("t3-4", c.word(19));
    assertEquals("bg-0", c.word(20));
    assertEquals(0, d.heldOut().documents());
    for (int doc = 0; doc < 10; doc++) {
      assertEquals(5, c.length(doc));
    }
  }

  /**
   * Factors switch on with probability α, and a document's words come from its factors' blocks
   * more often than from the others (the truth is visible in the counts).
   */
  @Test
  void documentsFollowTheirFactors() {
    BernoulliTopicData d = BernoulliTopicData.generate(2, 4, 80, 1000, 0, 50, 0.3);
    int[][] z = d.trainFactors();
    int on = 0;
    for (int[] row : z) {
      for (int v : row) {
        on += v;
      }
    }
    double p = on / 4000.0;
    assertEquals(0.3, p, 4 * Math.sqrt(0.3 * 0.7 / 4000), "fraction of factors on");
    Corpus c = d.train();
    int m = 80 / 8;
    double inOwn = 0;
    double inOther = 0;
    int nOwn = 0;
    int nOther = 0;
    for (int doc = 0; doc < 1000; doc++) {
      for (int j = 0; j < 4; j++) {
        int count = 0;
        for (int e = c.start(doc); e < c.end(doc); e++) {
          int w = c.wordId(e);
          if (w >= j * m && w < (j + 1) * m) {
            count += c.count(e);
          }
        }
        if (z[doc][j] == 1) {
          inOwn += count;
          nOwn++;
        } else {
          inOther += count;
          nOther++;
        }
      }
    }
    assertTrue(inOwn / nOwn > 3 * (inOther / nOther),
        "tokens in a factor's block when on " + inOwn / nOwn + " vs off " + inOther / nOther);
  }

  @Test
  void trueModelCarriesTheTruth() {
    BernoulliTopicData d = BernoulliTopicData.generate(5, 3, 30, 20, 4, 10, 0.2);
    BernoulliTopicModel m = d.trueModel(d.heldOut());
    assertEquals(4, m.observed().rows());
    assertEquals(0.2, m.alpha());
    assertArrayEquals(d.weights()[1], m.factorEffects()[1], 1e-12);
    assertArrayEquals(d.bias(), m.parameters().get("decoder.0.bias").toArray(), 0.0);
  }

  @Test
  void refusesImpossibleSettings() {
    String msg = assertThrows(IllegalArgumentException.class,
        () -> BernoulliTopicData.generate(1, 5, 9, 10, 0, 5, 0.3)).getMessage();
    assertTrue(msg.contains("v >= 2k") && msg.contains("v=9"), msg);
    assertThrows(IllegalArgumentException.class,
        () -> BernoulliTopicData.generate(1, 2, 9, 10, 0, 5, 1.0));
  }

  @Test
  void matchingFindsPermutedShiftedAndScaledFactors() {
    double[][] truth = {{3, 0, 0, 0, 1}, {0, 2, 2, 0, 0}, {0, 0, 0, 4, -1}};
    // fitted: truth rows 2, 0, 1, each scaled and shifted by a constant, and a noise row
    double[][] fitted = {
        {5, 5, 5, 9, 4}, {4.5, 0, 0, 0, 1.5}, {1, 3, 3, 1, 1}, {0.3, -0.1, 0.2, 0, 0.1}};
    FactorMatching.Result r = FactorMatching.match(fitted, truth);
    assertArrayEquals(new int[] {2, 0, 1, -1}, r.truthOf());
    assertEquals(1.0, r.meanCosine(), 1e-12);
    assertTrue(Double.isNaN(r.cosine()[3]));
    FactorMatching.Result t = FactorMatching.match(truth, fitted);
    assertArrayEquals(new int[] {1, 2, 0}, t.truthOf());
    // a greedy choice would be wrong here: the best total pairs a with B and b with A
    double[][] a = {{1, 0.9, 0}, {1, 0, 0}};
    double[][] b = {{1, 1, 0}, {0, 1, 0}};
    assertArrayEquals(new int[] {1, 0}, FactorMatching.match(a, b).truthOf());
  }
}
