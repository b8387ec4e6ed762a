package org.vi4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

class UciBagOfWordsTest extends Vi4jTestBase {

  @TempDir
  Path dir;

  private static final String VOCAB = "apple\nbanana\ncherry\ndate\n";

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private String error(String docword, String vocab) throws IOException {
    Path d = file("docword.txt", docword);
    Path v = vocab == null ? null : file("vocab.txt", vocab);
    return assertThrows(IllegalArgumentException.class, () -> UciBagOfWords.read(d, v))
        .getMessage();
  }

  private static void assertContains(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "expected «" + p + "» in: " + message);
    }
  }

  /** Dense D x V counts, to compare corpora entry by entry. */
  static int[][] dense(Corpus c) {
    int[][] m = new int[c.documents()][c.vocabularySize()];
    for (int d = 0; d < c.documents(); d++) {
      for (int j = c.start(d); j < c.end(d); j++) {
        m[d][c.wordId(j)] = c.count(j);
      }
    }
    return m;
  }

  @Test
  void read_oneBasedIdsEmptyDocumentsAndUnsortedEntries() throws IOException {
    // D = 4: documents 2 and 4 have no entries; entries out of order; a trailing blank line
    Path d = file("docword.txt", "4\n4\n4\n3 4 2\n1 2 1\n1 1 5\n3 1 1\n\n");
    Path v = file("vocab.txt", VOCAB);
    Corpus c = UciBagOfWords.read(d, v);
    assertEquals(4, c.documents());
    assertEquals(List.of("apple", "banana", "cherry", "date"), c.vocabulary());
    assertArrayEquals(new int[][] {{5, 1, 0, 0}, {0, 0, 0, 0}, {1, 0, 0, 2}, {0, 0, 0, 0}},
        dense(c));
    assertEquals(0, c.length(1));
    assertEquals(0, c.length(3));
    assertEquals(9, c.tokens());
  }

  @Test
  void read_withoutVocabulary_namesWordsW0Up() throws IOException {
    Corpus c = UciBagOfWords.read(file("docword.txt", "1\n3\n1\n1 3 2\n"), null);
    assertEquals(List.of("w0", "w1", "w2"), c.vocabulary());
    assertEquals(2, c.wordId(0));
  }

  @Test
  void read_gzippedByMagicBytesWhateverTheName() throws IOException {
    Path gz = dir.resolve("docword.plain-looking.txt");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write("2\n4\n2\n1 1 3\n2 4 1\n".getBytes(StandardCharsets.UTF_8));
    }
    Path vgz = dir.resolve("vocab.txt.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(vgz))) {
      o.write(VOCAB.getBytes(StandardCharsets.UTF_8));
    }
    Corpus c = UciBagOfWords.read(gz, vgz);
    assertArrayEquals(new int[][] {{3, 0, 0, 0}, {0, 0, 0, 1}}, dense(c));
    assertEquals("date", c.word(3));
  }

  @Test
  void wordIdOutOfRange_namesFileLineAndRange() throws IOException {
    String m = error("2\n4\n2\n1 1 1\n2 5 1\n", VOCAB);
    assertContains(m, "docword.txt: line 5: wordID 5 is outside [1, 4] (W = 4");
    assertContains(error("2\n4\n1\n1 0 1\n", VOCAB), "line 4: wordID 0 is outside [1, 4]");
  }

  @Test
  void docIdOutOfRange_namesFileLineAndRange() throws IOException {
    assertContains(error("2\n4\n1\n3 1 1\n", null), "docword.txt: line 4: docID 3 is outside "
        + "[1, 2] (D = 2 in the header, line 1)");
    assertContains(error("2\n4\n1\n-1 1 1\n", null), "line 4: docID '-1' is negative");
  }

  @Test
  void badCounts_negativeFractionalZeroOrText() throws IOException {
    assertContains(error("1\n4\n1\n1 1 -3\n", null), "docword.txt: line 4: count '-3' is negative;"
        + " expected a positive integer");
    assertContains(error("1\n4\n1\n1 1 2.5\n", null), "line 4: count '2.5' is not an integer");
    assertContains(error("1\n4\n1\n1 1 1e3\n", null), "line 4: count '1e3' is not an integer");
    assertContains(error("1\n4\n1\n1 1 0\n", null), "line 4: count '0' is zero");
    assertContains(error("1\n4\n1\n1 1 two\n", null), "line 4: count 'two' is not a number");
    assertContains(error("1\n4\n1\n1 1 99999999999\n", null), "line 4: count '99999999999' is too "
        + "large");
  }

  @Test
  void headerDisagreeingWithBody_isAnError() throws IOException {
    assertContains(error("2\n4\n3\n1 1 1\n2 2 1\n", VOCAB), "docword.txt: the header declares "
        + "NNZ = 3 (line 3), but the file has 2 entry lines (it ends at line 5)");
    assertContains(error("2\n4\n1\n1 1 1\n2 2 1\n", VOCAB), "docword.txt: line 5: entry 2 '2 2 1',"
        + " but the header declares NNZ = 1 (line 3)");
    assertContains(error("1\n5\n1\n1 1 1\n", VOCAB), "vocab.txt: has 4 words (one per line), but "
        + "the header of ", "declares W = 5 (line 2)");
    assertContains(error("1\n3\n1\n1 1 1\n", VOCAB), "vocab.txt: has 4 words", "W = 3");
  }

  @Test
  void malformedHeaderOrLines_areErrors() throws IOException {
    assertContains(error("2\n4\n", null), "docword.txt: the file ends after 2 lines; expected a "
        + "header of three lines D, W, NNZ");
    assertContains(error("2 4 1\n1 1 1\n", null), "docword.txt: line 1: '2 4 1' is not a valid "
        + "header value D (the number of documents)");
    assertContains(error("2\n0\n1\n1 1 1\n", null), "line 2: '0' is not a valid header value W");
    assertContains(error("2\n4\n1\n1 1\n", null), "line 4: '1 1' has 2 fields; expected 'docID "
        + "wordID count'");
    assertContains(error("2\n4\n1\n1 1 1 1\n", null), "line 4: '1 1 1 1' has more than 3 fields");
  }

  @Test
  void duplicatePair_isRefusedNamingBothLines() throws IOException {
    String m = error("2\n4\n3\n1 2 1\n2 1 1\n1 2 4\n", VOCAB);
    assertContains(m, "docword.txt: line 6: (docID 1, wordID 2) repeats the entry of line 4");
  }

  @Test
  void vocabularyProblems_nameFileAndLine() throws IOException {
    assertContains(error("1\n4\n1\n1 1 1\n", "a\n\nb\nc\nd\n"), "vocab.txt: line 2: blank line "
        + "before the word 'b' of line 3");
    Path d = file("docword.txt", "1\n2\n1\n1 1 1\n");
    Path bad = dir.resolve("vocab-bad.txt");
    Files.write(bad, new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xC3, '\n'});
    String m = assertThrows(IllegalArgumentException.class, () -> UciBagOfWords.read(d, bad))
        .getMessage();
    assertContains(m, "vocab-bad.txt: line 2: not valid UTF-8 text");
  }

  @Test
  void corruptGzip_isAnError() throws IOException {
    Path gz = dir.resolve("docword.txt.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write("1\n2\n1\n1 1 1\n".repeat(50).getBytes(StandardCharsets.UTF_8));
    }
    byte[] all = Files.readAllBytes(gz);
    Files.write(gz, java.util.Arrays.copyOf(all, all.length / 2));
    String m = assertThrows(IllegalArgumentException.class, () -> UciBagOfWords.read(gz, null))
        .getMessage();
    assertContains(m, "docword.txt.gz: corrupt or truncated gzip stream");
  }

  @Test
  void writeThenRead_roundTripsPlainAndGzipped() throws IOException {
    Corpus c = Corpus.builder(List.of("zebra", "apple", "mango", "kiwi", "fig"))
        .add(new int[] {4, 0, 2}, new int[] {1, 3, 7})
        .add(new int[0], new int[0])                        // an empty document survives
        .add(new int[] {1}, new int[] {12})
        .add(new int[0], new int[0])                        // also as the last one
        .build();
    for (String suffix : new String[] {".txt", ".txt.gz"}) {
      Path d = dir.resolve("docword" + suffix);
      Path v = dir.resolve("vocab" + suffix);
      UciBagOfWords.write(c, d, v);
      Corpus back = UciBagOfWords.read(d, v);
      assertEquals(c.vocabulary(), back.vocabulary());
      assertArrayEquals(dense(c), dense(back));
      assertEquals(c.documents(), back.documents());
    }
    assertEquals("4\n5\n4\n1 1 3\n1 3 7\n1 5 1\n3 2 12\n",
        Files.readString(dir.resolve("docword.txt")));
    assertEquals("zebra\napple\nmango\nkiwi\nfig\n", Files.readString(dir.resolve("vocab.txt")));
    Corpus anonymous = UciBagOfWords.read(dir.resolve("docword.txt"), null);
    assertArrayEquals(dense(c), dense(anonymous));
  }

  @Test
  void failedWrite_leavesExistingFilesUnchanged() throws IOException {
    Path d = file("docword.txt", "old docword\n");
    Path v = file("vocab.txt", "old vocab\n");
    Corpus bad = Corpus.builder(List.of("fine", " padded")).add(new int[] {0}, new int[] {1})
        .build();
    String m = assertThrows(IllegalArgumentException.class, () -> UciBagOfWords.write(bad, d, v))
        .getMessage();
    assertContains(m, "word 1 ' padded' cannot be written");
    assertEquals("old docword\n", Files.readString(d));
    assertEquals("old vocab\n", Files.readString(v));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary file is left behind");
    }
  }
}
