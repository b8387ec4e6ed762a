package org.vi4j.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a folder of plain-text files into a bag-of-words {@link Corpus}: one document per
 * {@code *.txt} file.
 *
 * <pre>{@code
 * TextFolder.Documents docs = TextFolder.read(Path.of("abstracts"),
 *     TextFolder.Options.defaults().withMinDf(5).withMaxDf(0.5));
 * Corpus corpus = docs.corpus();                    // document i is docs.names().get(i)
 * TextFolder.writeVocabulary(corpus, Path.of("vocab.txt"));
 * // later, held-out text over the same word ids:
 * Corpus test = TextFolder.read(Path.of("held-out"), TextFolder.Options.defaults()
 *     .withVocabulary(Corpora.readVocabulary(Path.of("vocab.txt")))).corpus();
 * }</pre>
 *
 * <p><strong>Tokens.</strong> Files are the regular files of the folder (not its sub-folders)
 * whose name ends in {@code .txt} (any case), taken in the order of their names
 * ({@link String#compareTo}), read as UTF-8 and normalised to NFC. A token is a maximal run of
 * Unicode letters ({@link Character#isLetter(int)}), together with any combining marks that
 * follow a letter (so accented and Indic words stay whole), lower-cased code point by code point
 * ({@link Character#toLowerCase(int)}, locale-independent). Everything else separates tokens —
 * digits, punctuation and apostrophes too: "don't" gives "don" and "t", as scikit-learn's default
 * token pattern does. Tokens shorter than {@link Options#minTokenLength()} code points (default 2)
 * are dropped, then stop words (default: the English list of scikit-learn, shipped in core, see
 * {@link #englishStopWords()}).
 *
 * <p><strong>Vocabulary.</strong> A word is kept when its document frequency df (the number of
 * files it occurs in) satisfies {@code df ≥ minDf} and {@code df ≤ maxDf × D}; the kept words are
 * sorted ({@link String#compareTo}) and numbered from 0. A document may end up empty; it stays in
 * the corpus so that document i is always file i. With a fixed vocabulary
 * ({@link Options#withVocabulary}), tokens outside it are dropped and stop words and the df limits
 * are not applied: the given list decides, in its order.
 *
 * <p><strong>Errors.</strong> A folder without {@code .txt} files, a file that is not valid UTF-8
 * (naming the file and line), and filters that leave no word are
 * {@link IllegalArgumentException}s. Reading returns a new result or throws.
 */
public final class TextFolder {

  private static final String STOP_WORDS = "english-stop-words.txt";

  private TextFolder() {}

  /**
   * The corpus of a folder and the names of its files.
   *
   * @param corpus one document per file
   * @param names the file names (without the folder), {@code names.get(i)} for document i
   */
  public record Documents(Corpus corpus, List<String> names) {

    /** Checks that there is one name per document and copies the list. */
    public Documents {
      Objects.requireNonNull(corpus, "corpus");
      names = List.copyOf(names);
      if (names.size() != corpus.documents()) {
        throw new IllegalArgumentException("TextFolder.Documents: " + names.size() + " names for "
            + corpus.documents() + " documents");
      }
    }
  }

  /**
   * How text becomes words. Immutable; start from {@link #defaults()} and change what you need:
   *
   * <pre>{@code
   * Options o = Options.defaults().withMinDf(5).withMaxDf(0.5)
   *     .withStopWords(TextFolder.readStopWords(Path.of("my-stop-words.txt")));
   * }</pre>
   *
   * @param minDf keep words occurring in at least this many documents (≥ 1; default 1)
   * @param maxDf keep words occurring in at most this fraction of the documents (in (0, 1];
   *     default 1)
   * @param stopWords lower-case words to drop (default {@link #englishStopWords()}; empty: none)
   * @param minTokenLength drop tokens with fewer code points (≥ 1; default 2)
   * @param vocabulary a fixed vocabulary (word id = position), or null to build one from the text
   */
  public record Options(int minDf, double maxDf, Set<String> stopWords, int minTokenLength,
      List<String> vocabulary) {

    /** Validates the values and copies the collections (stop words lower-cased). */
    public Options {
      if (minDf < 1) {
        throw new IllegalArgumentException("TextFolder.Options: minDf must be ≥ 1, got " + minDf);
      }
      if (!(maxDf > 0 && maxDf <= 1)) {
        throw new IllegalArgumentException("TextFolder.Options: maxDf must be a fraction in (0, 1],"
            + " got " + maxDf);
      }
      if (minTokenLength < 1) {
        throw new IllegalArgumentException("TextFolder.Options: minTokenLength must be ≥ 1, got "
            + minTokenLength);
      }
      Set<String> lower = new HashSet<>();
      for (String s : stopWords) {
        lower.add(s.toLowerCase(Locale.ROOT));
      }
      stopWords = Set.copyOf(lower);
      if (vocabulary != null) {
        vocabulary = List.copyOf(vocabulary);
        if (vocabulary.isEmpty()) {
          throw new IllegalArgumentException("TextFolder.Options: the fixed vocabulary is empty");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int w = 0; w < vocabulary.size(); w++) {
          Integer before = seen.put(vocabulary.get(w), w);
          if (before != null) {
            throw new IllegalArgumentException("TextFolder.Options: the fixed vocabulary has '"
                + vocabulary.get(w) + "' twice (word ids " + before + " and " + w + ")");
          }
        }
      }
    }

    /** minDf 1, maxDf 1, English stop words, minTokenLength 2, vocabulary built from the text. */
    public static Options defaults() {
      return new Options(1, 1.0, englishStopWords(), 2, null);
    }

    /** A copy with {@code minDf}. */
    public Options withMinDf(int minDf) {
      return new Options(minDf, maxDf, stopWords, minTokenLength, vocabulary);
    }

    /** A copy with {@code maxDf}, a fraction of the documents. */
    public Options withMaxDf(double maxDf) {
      return new Options(minDf, maxDf, stopWords, minTokenLength, vocabulary);
    }

    /** A copy with these stop words (for example {@link TextFolder#readStopWords(Path)}). */
    public Options withStopWords(Set<String> stopWords) {
      return new Options(minDf, maxDf, stopWords, minTokenLength, vocabulary);
    }

    /** A copy that keeps stop words. */
    public Options withoutStopWords() {
      return withStopWords(Set.of());
    }

    /** A copy with {@code minTokenLength}. */
    public Options withMinTokenLength(int minTokenLength) {
      return new Options(minDf, maxDf, stopWords, minTokenLength, vocabulary);
    }

    /**
     * A copy over a fixed vocabulary (word id = position; words must be distinct), or, with null,
     * one that builds its vocabulary from the text.
     */
    public Options withVocabulary(List<String> vocabulary) {
      return new Options(minDf, maxDf, stopWords, minTokenLength, vocabulary);
    }
  }

  /**
   * The English stop words shipped in core: the 318 words of scikit-learn's
   * {@code ENGLISH_STOP_WORDS} (from the Glasgow Information Retrieval Group's list; BSD-3-Clause,
   * attribution in {@code org/vi4j/core/data/NOTICE.md}).
   */
  public static Set<String> englishStopWords() {
    try (InputStream in = TextFolder.class.getResourceAsStream(STOP_WORDS)) {
      if (in == null) {
        throw new IllegalStateException("core resource " + STOP_WORDS + " is missing");
      }
      return parseStopWords(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read core resource " + STOP_WORDS, e);
    }
  }

  /**
   * Reads a stop-word file: words separated by whitespace or line breaks, lower-cased; {@code #}
   * starts a comment to the end of the line.
   */
  public static Set<String> readStopWords(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    try (CorpusFiles.Lines in = CorpusFiles.Lines.open(file)) {
      String line;
      while ((line = in.next()) != null) {
        lines.add(line);
      }
    }
    return parseStopWords(lines.stream());
  }

  private static Set<String> parseStopWords(Stream<String> lines) {
    Set<String> out = new HashSet<>();
    lines.forEach(line -> {
      int hash = line.indexOf('#');
      for (String w : (hash >= 0 ? line.substring(0, hash) : line).strip().split("\\s+")) {
        if (!w.isEmpty()) {
          out.add(w.toLowerCase(Locale.ROOT));
        }
      }
    });
    return Set.copyOf(out);
  }

  /** Reads {@code folder} with {@link Options#defaults()}. */
  public static Documents read(Path folder) throws IOException {
    return read(folder, Options.defaults());
  }

  /**
   * Reads {@code folder}; see the class javadoc.
   *
   * @throws IllegalArgumentException if the folder has no {@code .txt} file, a file is not valid
   *     UTF-8, or no word is left after filtering
   * @throws IOException if the folder or a file cannot be read
   */
  public static Documents read(Path folder, Options options) throws IOException {
    Objects.requireNonNull(options, "options");
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(folder + ": not a folder; the text format reads every "
          + "*.txt file of a folder, one document per file");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(p -> Files.isRegularFile(p)
              && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt"))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(folder + ": no *.txt files; the text format reads every "
          + "*.txt file of a folder, one document per file");
    }
    boolean fixed = options.vocabulary() != null;
    Map<String, Integer> ids = new HashMap<>();
    List<String> seen = new ArrayList<>();
    if (fixed) {
      for (String w : options.vocabulary()) {
        ids.put(w, seen.size());
        seen.add(w);
      }
    }
    int d = files.size();
    int[][] docIds = new int[d][];
    int[][] docCounts = new int[d][];
    int[] df = new int[Math.max(16, seen.size())];
    for (int i = 0; i < d; i++) {
      int[] tokens = tokenize(files.get(i), options, fixed, ids, seen);
      Arrays.sort(tokens);
      int distinct = 0;
      for (int j = 0; j < tokens.length; j++) {
        if (j == 0 || tokens[j] != tokens[j - 1]) {
          distinct++;
        }
      }
      int[] u = new int[distinct];
      int[] c = new int[distinct];
      int k = -1;
      for (int j = 0; j < tokens.length; j++) {
        if (j == 0 || tokens[j] != tokens[j - 1]) {
          u[++k] = tokens[j];
        }
        c[k]++;
      }
      if (seen.size() > df.length) {
        df = Arrays.copyOf(df, Math.max(seen.size(), 2 * df.length));
      }
      for (int w : u) {
        df[w]++;
      }
      docIds[i] = u;
      docCounts[i] = c;
    }
    int[] remap = new int[seen.size()];
    List<String> vocabulary;
    if (fixed) {
      vocabulary = options.vocabulary();
      Arrays.setAll(remap, w -> w);
    } else {
      List<String> kept = new ArrayList<>();
      double maxCount = options.maxDf() * d;
      for (int w = 0; w < seen.size(); w++) {
        if (df[w] >= options.minDf() && df[w] <= maxCount) {
          kept.add(seen.get(w));
        }
      }
      if (kept.isEmpty()) {
        throw new IllegalArgumentException(folder + ": no word is left: " + seen.size()
            + " distinct tokens in " + d + " files, none with document frequency ≥ "
            + options.minDf() + " (min-df) and ≤ " + options.maxDf() + " × " + d + " (max-df);"
            + " stop words and tokens shorter than " + options.minTokenLength() + " letters were "
            + "dropped first");
      }
      kept.sort(null);
      Map<String, Integer> finalId = new HashMap<>();
      for (int w = 0; w < kept.size(); w++) {
        finalId.put(kept.get(w), w);
      }
      for (int w = 0; w < seen.size(); w++) {
        remap[w] = finalId.getOrDefault(seen.get(w), -1);
      }
      vocabulary = kept;
    }
    Corpus.Builder b = Corpus.builder(vocabulary);
    List<String> names = new ArrayList<>(d);
    for (int i = 0; i < d; i++) {
      int[] u = docIds[i];
      int[] c = docCounts[i];
      int m = 0;
      for (int j = 0; j < u.length; j++) {
        int w = remap[u[j]];
        if (w >= 0) {
          u[m] = w;
          c[m] = c[j];
          m++;
        }
      }
      b.add(Arrays.copyOf(u, m), Arrays.copyOf(c, m));
      names.add(files.get(i).getFileName().toString());
    }
    Corpus corpus = b.build();
    if (fixed && corpus.nonZeros() == 0) {
      throw new IllegalArgumentException(folder + ": none of the " + d + " files has a word of the "
          + "fixed vocabulary (" + vocabulary.size() + " words)");
    }
    return new Documents(corpus, names);
  }

  /**
   * The provisional ids of the tokens of one file; new words are added to {@code ids}/{@code seen}
   * unless the vocabulary is fixed (then unknown tokens are dropped).
   */
  private static int[] tokenize(Path file, Options options, boolean fixed, Map<String, Integer> ids,
      List<String> seen) throws IOException {
    int[] out = new int[256];
    int n = 0;
    StringBuilder tok = new StringBuilder();
    try (CorpusFiles.Lines in = CorpusFiles.Lines.open(file)) {
      String raw;
      while ((raw = in.next()) != null) {
        String line = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int cps = 0;
        for (int i = 0; i <= line.length(); ) {
          int cp = i < line.length() ? line.codePointAt(i) : ' ';
          i += i < line.length() ? Character.charCount(cp) : 1;
          if (Character.isLetter(cp) || cps > 0 && isMark(cp)) {
            tok.appendCodePoint(Character.toLowerCase(cp));
            cps++;
            continue;
          }
          if (cps >= options.minTokenLength()) {
            String t = tok.toString();
            Integer id = ids.get(t);
            if (id == null && !fixed && !options.stopWords().contains(t)) {
              id = seen.size();
              ids.put(t, id);
              seen.add(t);
            }
            if (id != null && (fixed || !options.stopWords().contains(t))) {
              if (n == out.length) {
                out = Arrays.copyOf(out, 2 * n);
              }
              out[n++] = id;
            }
          }
          tok.setLength(0);
          cps = 0;
        }
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static boolean isMark(int cp) {
    int t = Character.getType(cp);
    return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK
        || t == Character.ENCLOSING_MARK;
  }

  /**
   * Writes the corpus's vocabulary, one word per line (word id = line number − 1), the format
   * {@link UciBagOfWords}, {@link TripleCorpus} and {@link Corpora#readVocabulary} read. The file
   * is written to a temporary sibling and moved into place.
   *
   * @throws IllegalArgumentException if a word cannot be written as one line (empty, surrounding
   *     whitespace, a line break); nothing is written then
   */
  public static void writeVocabulary(Corpus corpus, Path file) throws IOException {
    CorpusFiles.writeVocabulary(corpus.vocabulary(), file);
  }
}
