package org.vi4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.vi4j.core.data.UciBagOfWordsTest.dense;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

class CorporaTest extends Vi4jTestBase {

  @TempDir
  Path dir;

  @Test
  void dispatchesOnTheFormatName_ignoringCase() throws IOException {
    Path vocab = Files.writeString(dir.resolve("vocab.txt"), "bank\nriver\n");
    Path docword = Files.writeString(dir.resolve("docword.txt"), "2\n2\n2\n1 2 3\n2 1 1\n");
    Path triples = Files.writeString(dir.resolve("t.csv"), "0,1,3\n1,0,1\n");
    Path text = Files.createDirectories(dir.resolve("text"));
    Files.writeString(text.resolve("1.txt"), "river river River");
    Files.writeString(text.resolve("2.txt"), "the bank");
    int[][] expected = {{0, 3}, {1, 0}};
    Corpus uci = Corpora.read("uci", docword, vocab);
    Corpus tri = Corpora.read("Triples", triples, vocab);
    Corpus txt = Corpora.read(" TEXT ", text, null);
    Corpus fixed = Corpora.read("text", text, vocab);
    for (Corpus c : List.of(uci, tri, txt, fixed)) {
      assertEquals(List.of("bank", "river"), c.vocabulary());
      assertArrayEquals(expected, dense(c));
    }
    assertEquals(List.of("w0", "w1"), Corpora.read("uci", docword, null).vocabulary());
  }

  @Test
  void unknownFormat_listsTheAcceptedOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Corpora.read("lda-c", dir.resolve("x"), null));
    assertEquals("unknown corpus format 'lda-c'; accepted: uci, triples, text", e.getMessage());
  }
}
