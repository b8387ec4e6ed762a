package org.vi4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

class TextFolderTest extends Vi4jTestBase {

  @TempDir
  Path dir;

  private Path folder(String name, String... namesAndTexts) throws IOException {
    Path f = Files.createDirectories(dir.resolve(name));
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      Files.writeString(f.resolve(namesAndTexts[i]), namesAndTexts[i + 1], StandardCharsets.UTF_8);
    }
    return f;
  }

  /** Document d as word → count. */
  private static Map<String, Integer> doc(Corpus c, int d) {
    Map<String, Integer> m = new TreeMap<>();
    for (int j = c.start(d); j < c.end(d); j++) {
      m.put(c.word(c.wordId(j)), c.count(j));
    }
    return m;
  }

  @Test
  void tokenize_lowerCaseLettersOnlyStopWordsAndShortTokens() throws IOException {
    Path f = folder("t", "b.txt", "The Cat's cat: CAT!! x 42nd don't\nÉcole école E\u0301cole\n",
        "a.txt", "Dog, dogs; the DOG.", "notes.md", "ignored cat", "c.TXT", "I a 1 2 3");
    TextFolder.Documents docs = TextFolder.read(f);
    assertEquals(List.of("a.txt", "b.txt", "c.TXT"), docs.names());   // String order
    Corpus c = docs.corpus();
    // "the" is a stop word, "s", "x", "t" are shorter than 2, "42nd" gives "nd", "don't" gives
    // "don"; "École", "école" and the decomposed "E" + U+0301 + "cole" are one word after NFC
    assertEquals(List.of("cat", "dog", "dogs", "don", "nd", "école"), c.vocabulary());
    assertEquals(Map.of("dog", 2, "dogs", 1), doc(c, 0));
    assertEquals(Map.of("cat", 3, "don", 1, "nd", 1, "école", 3), doc(c, 1));
    assertEquals(0, c.length(2));                         // all stop words or short: empty, kept
  }

  @Test
  void keepsCombiningMarksInsideWords() throws IOException {
    // Devanagari: the vowel signs are combining marks (Mc/Mn) and must not split the word
    Path f = folder("hi", "a.txt", "हिन्दी भाषा हिन्दी");
    Corpus c = TextFolder.read(f).corpus();
    assertEquals(List.of("भाषा", "हिन्दी"), c.vocabulary());
    assertEquals(Map.of("भाषा", 1, "हिन्दी", 2), doc(c, 0));
  }

  @Test
  void documentFrequencyLimits() throws IOException {
    Path f = folder("df", "1.txt", "alpha beta gamma", "2.txt", "alpha beta beta", "3.txt",
        "alpha delta", "4.txt", "alpha beta");
    TextFolder.Options o = TextFolder.Options.defaults();
    assertEquals(List.of("alpha", "beta", "delta", "gamma"),
        TextFolder.read(f, o).corpus().vocabulary());
    assertEquals(List.of("alpha", "beta"), TextFolder.read(f, o.withMinDf(2)).corpus().vocabulary());
    // df(alpha) = 4 > 0.75 × 4; df(beta) = 3 ≤ 3
    assertEquals(List.of("beta"), TextFolder.read(f, o.withMinDf(2).withMaxDf(0.75)).corpus()
        .vocabulary());
    String m = assertThrows(IllegalArgumentException.class,
        () -> TextFolder.read(f, o.withMinDf(5))).getMessage();
    assertTrue(m.contains("no word is left: 4 distinct tokens in 4 files, none with document "
        + "frequency ≥ 5 (min-df)"), m);
  }

  @Test
  void stopWordOptions_defaultOffAndFile() throws IOException {
    Path f = folder("sw", "a.txt", "the quick brown fox is here");
    TextFolder.Options o = TextFolder.Options.defaults();
    assertEquals(List.of("brown", "fox", "quick"), TextFolder.read(f, o).corpus().vocabulary());
    assertEquals(List.of("brown", "fox", "here", "is", "quick", "the"),
        TextFolder.read(f, o.withoutStopWords()).corpus().vocabulary());
    Path list = Files.writeString(dir.resolve("stop.txt"), "# mine\nQUICK fox\n\nbrown # colour\n");
    assertEquals(Set.of("quick", "fox", "brown"), TextFolder.readStopWords(list));
    assertEquals(List.of("here", "is", "the"),
        TextFolder.read(f, o.withStopWords(TextFolder.readStopWords(list))).corpus().vocabulary());
    assertEquals(List.of("fox", "is", "the"), TextFolder.read(f,
        o.withoutStopWords().withMinTokenLength(1).withStopWords(Set.of("Brown", "here", "quick")))
        .corpus().vocabulary());
    assertEquals(List.of("brown", "quick"),                // "fox" is too short, "here" a stop word
        TextFolder.read(f, o.withMinTokenLength(4)).corpus().vocabulary());
  }

  @Test
  void shippedStopWords_areScikitLearnsListWithItsAttribution() throws IOException {
    Set<String> s = TextFolder.englishStopWords();
    assertEquals(318, s.size());
    assertTrue(s.containsAll(List.of("the", "a", "i", "yourselves", "whereafter", "amoungst")));
    try (InputStream in = TextFolder.class.getResourceAsStream("NOTICE.md")) {
      assertNotNull(in, "NOTICE.md must sit next to english-stop-words.txt");
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.contains("scikit-learn"));
      assertTrue(text.contains("BSD 3-Clause"));
      assertTrue(text.contains("Glasgow Information Retrieval Group"));
    }
  }

  @Test
  void writtenVocabulary_fixesTheIdsOfAnotherFolder() throws IOException {
    Path train = folder("train", "1.txt", "river bank water", "2.txt", "money bank loan");
    Corpus c = TextFolder.read(train).corpus();
    Path vocab = dir.resolve("vocab.txt");
    TextFolder.writeVocabulary(c, vocab);
    assertEquals("bank\nloan\nmoney\nriver\nwater\n", Files.readString(vocab));
    assertEquals(c.vocabulary(), Corpora.readVocabulary(vocab));
    Path test = folder("test", "x.txt", "Water and MONEY and zebra the bank bank");
    Corpus t = TextFolder.read(test, TextFolder.Options.defaults()
        .withVocabulary(Corpora.readVocabulary(vocab))).corpus();
    assertEquals(c.vocabulary(), t.vocabulary());
    assertEquals(Map.of("bank", 2, "money", 1, "water", 1), doc(t, 0));   // "zebra" dropped
    // the UCI reader accepts the written vocabulary
    Path docword = dir.resolve("docword.txt");
    UciBagOfWords.write(c, docword, null);
    assertEquals(c.vocabulary(), UciBagOfWords.read(docword, vocab).vocabulary());
  }

  @Test
  void badInput_namesTheFolderOrFileAndLine() throws IOException {
    Path empty = folder("empty", "readme.md", "no text files here");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TextFolder.read(empty))
        .getMessage().contains("empty: no *.txt files"));
    Path notAFolder = Files.writeString(dir.resolve("file.txt"), "x");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TextFolder.read(notAFolder))
        .getMessage().contains("file.txt: not a folder"));
    Path bad = folder("bad", "ok.txt", "fine words");
    Files.write(bad.resolve("z.txt"), new byte[] {'o', 'k', '\n', 'n', 'o', (byte) 0xFF, '\n'});
    String m = assertThrows(IllegalArgumentException.class, () -> TextFolder.read(bad))
        .getMessage();
    assertTrue(m.contains("z.txt: line 2: not valid UTF-8 text"), m);
    Path none = folder("none", "a.txt", "nothing known");
    TextFolder.Options fixed = TextFolder.Options.defaults().withVocabulary(List.of("river"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TextFolder.read(none, fixed))
        .getMessage().contains("none of the 1 files has a word of the fixed vocabulary"));
  }

  @Test
  void options_areValidated() {
    TextFolder.Options o = TextFolder.Options.defaults();
    assertThrows(IllegalArgumentException.class, () -> o.withMinDf(0));
    assertThrows(IllegalArgumentException.class, () -> o.withMaxDf(0));
    assertThrows(IllegalArgumentException.class, () -> o.withMaxDf(1.5));
    assertThrows(IllegalArgumentException.class, () -> o.withMaxDf(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> o.withMinTokenLength(0));
    assertThrows(IllegalArgumentException.class, () -> o.withVocabulary(List.of()));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> o.withVocabulary(List.of("a", "b", "a"))).getMessage()
        .contains("'a' twice (word ids 0 and 2)"));
  }
}
