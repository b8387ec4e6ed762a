package org.vi4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;

class CorpusTest {

  @Test
  void builderSortsMergesAndDropsZeros() {
    Corpus c = Corpus.builder(List.of("a", "b", "c", "d"))
        .add(new int[] {3, 1, 3, 2}, new int[] {2, 1, 1, 0})
        .add(new int[0], new int[0])
        .addTokens(new int[] {0, 0, 2})
        .build();
    assertEquals(3, c.documents());
    assertEquals(4, c.vocabularySize());
    assertEquals(0, c.start(0));
    assertEquals(2, c.end(0));
    assertEquals(1, c.wordId(0));
    assertEquals(1, c.count(0));
    assertEquals(3, c.wordId(1));
    assertEquals(3, c.count(1));
    assertEquals(0, c.length(1));
    assertEquals(3, c.length(2));
    assertEquals(7, c.tokens());
    assertEquals("d", c.word(3));
  }

  @Test
  void denseCountsAndSubsetAgree() {
    Corpus c = Corpus.builder(3).add(new int[] {0, 2}, new int[] {1, 4})
        .add(new int[] {1}, new int[] {7}).build();
    Tensor t = c.denseCounts(new int[] {1, 0});
    assertArrayEquals(new double[] {0, 7, 0, 1, 0, 4}, t.toArray());
    Corpus s = c.subset(new int[] {1});
    assertEquals(1, s.documents());
    assertEquals(7, s.tokens());
  }

  @Test
  void badInputIsRefusedAndNothingIsAdded() {
    Corpus.Builder b = Corpus.builder(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.add(new int[] {0, 3}, new int[] {1, 1}));
    assertTrue(e.getMessage().contains("word id 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.add(new int[] {0}, new int[] {-1}));
    assertThrows(IllegalArgumentException.class, () -> b.add(new int[] {0}, new int[0]));
    assertEquals(0, b.documents());
    assertEquals(0, b.build().documents());
  }
}
