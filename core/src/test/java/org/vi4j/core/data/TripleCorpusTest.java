package org.vi4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vi4j.core.data.UciBagOfWordsTest.dense;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

class TripleCorpusTest extends Vi4jTestBase {

  @TempDir
  Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private String error(String triples, String vocab) throws IOException {
    Path t = file("triples.csv", triples);
    Path v = vocab == null ? null : file("vocab.txt", vocab);
    return assertThrows(IllegalArgumentException.class, () -> TripleCorpus.read(t, v))
        .getMessage();
  }

  private static void assertContains(String message, String part) {
    assertTrue(message.contains(part), "expected «" + part + "» in: " + message);
  }

  @Test
  void read_mixedSeparatorsCommentsAndZeroBasedIds() throws IOException {
    Corpus c = TripleCorpus.read(file("triples.csv", "# doc word count\n0,4,2\n\n0 7 1  # tail\n"
        + "  3 ,\t0, 1\n"), null);
    assertEquals(4, c.documents());                        // D = max doc_id + 1
    assertEquals(8, c.vocabularySize());                   // V = max word_id + 1
    assertEquals("w7", c.word(7));
    int[][] m = dense(c);
    assertEquals(2, m[0][4]);
    assertEquals(1, m[0][7]);
    assertEquals(1, m[3][0]);
    assertEquals(0, c.length(1));
    assertEquals(0, c.length(2));
    assertEquals(4, c.tokens());
  }

  @Test
  void repeatedPairs_areAdded() throws IOException {
    Corpus c = TripleCorpus.read(file("t.txt", "1 0 1\n0 2 1\n1 0 1\n1 0 3\n"), null);
    assertArrayEquals(new int[][] {{0, 0, 1}, {5, 0, 0}}, dense(c));
  }

  @Test
  void vocabularyFixesV() throws IOException {
    Corpus c = TripleCorpus.read(file("t.txt", "0 1 2\n"), file("v.txt", "red\ngreen\nblue\n"));
    assertEquals(List.of("red", "green", "blue"), c.vocabulary());
    assertEquals(2, c.count(0));
    assertContains(error("0 1 1\n1 3 1\n", "red\ngreen\nblue\n"),
        "triples.csv: line 2: word_id 3 is outside [0, 2] (V = 3, the lines of ");
  }

  @Test
  void badLines_nameFileLineTextAndExpectation() throws IOException {
    assertContains(error("0 1 1\n0 -1 1\n", null), "triples.csv: line 2: word_id '-1' is "
        + "negative; expected an integer in [0, ");
    assertContains(error("x 1 1\n", null), "line 1: doc_id 'x' is not a number");
    assertContains(error("0 1 -2\n", null), "line 1: count '-2' is negative; expected a positive "
        + "integer");
    assertContains(error("0 1 0.5\n", null), "line 1: count '0.5' is not an integer");
    assertContains(error("0 1 0\n", null), "line 1: count '0' is zero");
    assertContains(error("0,,1\n", null), "line 1: '0,,1' has an empty field; expected 'doc_id "
        + "word_id count'");
    assertContains(error("0 1\n", null), "line 1: '0 1' has 2 fields");
    assertContains(error("doc_id,word_id,count\n0,1,1\n", null),
        "line 1: doc_id 'doc_id' is not a number");
    assertContains(error("# only a comment\n\n", null), "triples.csv: no entries");
  }
}
