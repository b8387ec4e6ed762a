package org.vi4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vi4j.core.data.UciBagOfWordsTest.dense;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vi4j.core.testing.Vi4jTestBase;

class CorpusSplitsTest extends Vi4jTestBase {

  /** 10 documents over 6 words; document d has d + 1 tokens of word d % 6 and 2 of word 5. */
  private static Corpus corpus() {
    Corpus.Builder b = Corpus.builder(6);
    for (int d = 0; d < 10; d++) {
      b.add(new int[] {d % 6, 5}, new int[] {d + 1, 2});
    }
    return b.build();
  }

  @Test
  void trainHeldOut_partitionsTheDocumentsInOrderAndIsSeeded() {
    Corpus c = corpus();
    CorpusSplits.Split s = CorpusSplits.trainHeldOut(c, 0.3, 11);
    assertEquals(3, s.heldOutDocs().length);
    assertEquals(7, s.trainDocs().length);
    int[] all = new int[10];
    System.arraycopy(s.trainDocs(), 0, all, 0, 7);
    System.arraycopy(s.heldOutDocs(), 0, all, 7, 3);
    Arrays.sort(all);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
    assertTrue(isAscending(s.trainDocs()) && isAscending(s.heldOutDocs()));
    int[][] full = dense(c);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(full[s.heldOutDocs()[i]], dense(s.heldOut())[i]);
    }
    for (int i = 0; i < 7; i++) {
      assertArrayEquals(full[s.trainDocs()[i]], dense(s.train())[i]);
    }
    assertArrayEquals(s.heldOutDocs(), CorpusSplits.trainHeldOut(c, 0.3, 11).heldOutDocs());
    boolean differs = false;
    for (long seed = 12; seed < 20 && !differs; seed++) {
      differs = !Arrays.equals(s.heldOutDocs(), CorpusSplits.trainHeldOut(c, 0.3, seed)
          .heldOutDocs());
    }
    assertTrue(differs, "another seed gives another split");
  }

  @Test
  void trainHeldOut_holdsEachDocumentOutWithProbabilityHOverD() {
    // P(document 0 held out) = 3/10; over 4000 seeds the frequency has standard error
    // sqrt(0.3 × 0.7 / 4000) = 0.0072; allow 4 standard errors
    Corpus c = corpus();
    int n = 4000;
    int hits = 0;
    for (int seed = 0; seed < n; seed++) {
      hits += CorpusSplits.trainHeldOut(c, 0.3, seed).heldOutDocs()[0] == 0 ? 1 : 0;
    }
    assertEquals(0.3, (double) hits / n, 4 * Math.sqrt(0.3 * 0.7 / n));
  }

  @Test
  void documentCompletion_partsAddUpAndObserveTheFloorOfHalf() {
    Corpus c = corpus();
    CorpusSplits.Completion s = CorpusSplits.documentCompletion(c, 5);
    int[][] full = dense(c);
    int[][] obs = dense(s.observed());
    int[][] held = dense(s.heldOut());
    for (int d = 0; d < c.documents(); d++) {
      assertEquals(c.length(d) / 2, s.observed().length(d));
      for (int w = 0; w < 6; w++) {
        assertEquals(full[d][w], obs[d][w] + held[d][w]);
      }
    }
    assertEquals(c.vocabulary(), s.heldOut().vocabulary());
    CorpusSplits.Completion again = CorpusSplits.documentCompletion(c, 5);
    assertArrayEquals(obs, dense(again.observed()));
    CorpusSplits.Completion third = CorpusSplits.documentCompletion(c, 1.0 / 3, 5);
    assertEquals(c.length(9) / 3, third.observed().length(9));     // 12 tokens: 4 observed
  }

  @Test
  void documentCompletion_drawsTokensUniformly() {
    // a document of 7 × word 0 and 3 × word 1; 5 of 10 tokens observed: the observed count of
    // word 1 is hypergeometric, mean 5 × 3/10 = 1.5, variance 5 × 0.3 × 0.7 × 5/9 = 0.5833
    Corpus c = Corpus.builder(2).add(new int[] {0, 1}, new int[] {7, 3}).build();
    int n = 3000;
    double sum = 0;
    for (int seed = 0; seed < n; seed++) {
      int[][] obs = dense(CorpusSplits.documentCompletion(c, seed).observed());
      sum += obs[0][1];
    }
    assertEquals(1.5, sum / n, 4 * Math.sqrt(5 * 0.3 * 0.7 * 5.0 / 9 / n));
  }

  @Test
  void badFractions_areRefused() {
    Corpus c = corpus();
    assertThrows(IllegalArgumentException.class, () -> CorpusSplits.trainHeldOut(c, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> CorpusSplits.trainHeldOut(c, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> CorpusSplits.trainHeldOut(c, Double.NaN, 1));
    String m = assertThrows(IllegalArgumentException.class,
        () -> CorpusSplits.trainHeldOut(c, 0.01, 1)).getMessage();
    assertTrue(m.contains("0.01 × 10 documents rounds to 0 held out"), m);
    assertThrows(IllegalArgumentException.class, () -> CorpusSplits.documentCompletion(c, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> CorpusSplits.documentCompletion(c, 1, 1));
    assertEquals(1, CorpusSplits.trainHeldOut(c, 0.9, 1).train().documents());
    assertThrows(IllegalArgumentException.class, () -> CorpusSplits.trainHeldOut(c, 0.96, 1));
  }

  private static boolean isAscending(int[] a) {
    for (int i = 1; i < a.length; i++) {
      if (a[i] <= a[i - 1]) {
        return false;
      }
    }
    return true;
  }
}
