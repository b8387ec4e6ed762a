package org.vi4j.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes the UCI "Bag of Words" format (the KOS, NIPS, Enron, NYTimes and PubMed
 * corpora of the UCI Machine Learning Repository): a {@code docword} file and a {@code vocab}
 * file, each plain or gzipped.
 *
 * <pre>{@code
 * Corpus kos = UciBagOfWords.read(Path.of("docword.kos.txt.gz"), Path.of("vocab.kos.txt"));
 * Corpus anon = UciBagOfWords.read(Path.of("docword.kos.txt"), null);   // words named w0, w1, …
 * UciBagOfWords.write(corpus, Path.of("docword.txt"), Path.of("vocab.txt"));   // for Python
 * }</pre>
 *
 * <p><strong>Format.</strong> The docword file starts with three header lines, one integer
 * each: D (documents, ≥ 1), W (words, ≥ 1) and NNZ (entry lines, ≥ 0). Then come NNZ lines
 * {@code docID wordID count}, separated by spaces or tabs, with 1-based ids: docID in [1, D],
 * wordID in [1, W], count a positive integer. Blank lines after the header are skipped. The vocab
 * file has one word per line, W lines: the word of line k has id k − 1 in the {@link Corpus}
 * (UCI wordID k). A file is read through gzip when it starts with the gzip magic bytes, whatever
 * its name.
 *
 * <p><strong>Decisions.</strong> D is authoritative: a document without entries is an empty
 * document, so the corpus always has D documents, in docID order. A count of 0 is refused (the
 * format lists non-zero counts; NNZ counts them). A (docID, wordID) pair that appears twice is
 * refused, naming both lines (a repeated pair means a damaged or concatenated file, and merging
 * would make NNZ disagree with the corpus). Entries need not be sorted.
 *
 * <p><strong>Errors.</strong> Bad input — an id out of range, a negative, zero or fractional
 * count, a line without exactly three fields, a header that disagrees with the body (more or
 * fewer entry lines than NNZ, a vocab file without W words), invalid UTF-8 or a corrupt gzip
 * stream — is an {@link IllegalArgumentException} naming the file, the 1-based line, the text
 * found and what is accepted. Reading returns a new corpus or throws; there is no other state.
 */
public final class UciBagOfWords {

  private static final String[] HEADER = {"D (the number of documents)",
      "W (the number of words in the vocabulary)", "NNZ (the number of docID wordID count lines)"};

  private UciBagOfWords() {}

  /**
   * Reads a corpus; {@code vocab} may be null, then word id w is named {@code "w" + w}
   * (0-based, as in {@link Corpus#builder(int)}).
   *
   * @throws IllegalArgumentException on bad input (see the class javadoc)
   * @throws IOException if a file cannot be read
   */
  public static Corpus read(Path docword, Path vocab) throws IOException {
    List<String> words = vocab == null ? null : CorpusFiles.readVocabulary(vocab);
    try (CorpusFiles.Lines in = CorpusFiles.Lines.open(docword)) {
      long[] header = new long[3];
      for (int i = 0; i < 3; i++) {
        String line = in.next();
        if (line == null) {
          throw new IllegalArgumentException(docword + ": the file ends after " + i + " lines; "
              + "expected a header of three lines D, W, NNZ, then NNZ lines 'docID wordID count'");
        }
        String t = line.strip();
        long v = CorpusFiles.digits(t);
        long min = i == 2 ? 0 : 1;
        long max = i == 2 ? Integer.MAX_VALUE - 8 : Integer.MAX_VALUE - 1;
        if (!(v >= min && v <= max)) {
          throw in.error("'" + t + "' is not a valid header value " + HEADER[i] + "; expected one "
              + "integer in [" + min + ", " + max + "] (the header is three lines: D, W, NNZ)");
        }
        header[i] = v;
      }
      int d = (int) header[0];
      int w = (int) header[1];
      int nnz = (int) header[2];
      if (words != null && words.size() != w) {
        throw new IllegalArgumentException(vocab + ": has " + words.size() + " words (one per "
            + "line), but the header of " + docword + " declares W = " + w + " (line 2)");
      }
      String dRange = "[1, " + d + "] (D = " + d + " in the header, line 1)";
      String wRange = "[1, " + w + "] (W = " + w + " in the header, line 2)";
      int cap = Math.min(nnz, 1 << 16);
      int[] docs = new int[cap];
      int[] ids = new int[cap];
      int[] counts = new int[cap];
      int n = 0;
      boolean sorted = true;
      String[] f = new String[3];
      String line;
      while ((line = in.next()) != null) {
        int k = CorpusFiles.split(line, false, f);
        if (k == 0) {
          continue;
        }
        if (k != 3) {
          throw in.error("'" + line.strip() + "' has " + (k > 3 ? "more than 3" : k) + " fields; "
              + "expected 'docID wordID count' (three integers separated by spaces)");
        }
        if (n == nnz) {
          throw in.error("entry " + (n + 1) + " '" + line.strip() + "', but the header declares "
              + "NNZ = " + nnz + " (line 3)");
        }
        int doc = CorpusFiles.id(in, f[0], "docID", 1, d, dRange) - 1;
        int word = CorpusFiles.id(in, f[1], "wordID", 1, w, wRange) - 1;
        int c = CorpusFiles.count(in, f[2]);
        if (n == docs.length) {
          int grown = (int) Math.min(nnz, 2L * docs.length);
          docs = Arrays.copyOf(docs, grown);
          ids = Arrays.copyOf(ids, grown);
          counts = Arrays.copyOf(counts, grown);
        }
        sorted &= n == 0 || docs[n - 1] <= doc;
        docs[n] = doc;
        ids[n] = word;
        counts[n] = c;
        n++;
      }
      if (n != nnz) {
        throw new IllegalArgumentException(docword + ": the header declares NNZ = " + nnz
            + " (line 3), but the file has " + n + " entry lines (it ends at line " + in.lineNo()
            + ")");
      }
      Corpus.Builder b = words == null ? Corpus.builder(w) : Corpus.builder(words);
      int[] start = new int[d + 1];
      int[] order = null;
      for (int i = 0; i < n; i++) {
        start[docs[i] + 1]++;
      }
      for (int i = 0; i < d; i++) {
        start[i + 1] += start[i];
      }
      if (!sorted) {
        order = new int[n];
        int[] next = Arrays.copyOf(start, d);
        for (int i = 0; i < n; i++) {
          order[next[docs[i]]++] = i;
        }
      }
      for (int doc = 0; doc < d; doc++) {
        int len = start[doc + 1] - start[doc];
        int[] di = new int[len];
        int[] dc = new int[len];
        for (int j = 0; j < len; j++) {
          int i = order == null ? start[doc] + j : order[start[doc] + j];
          di[j] = ids[i];
          dc[j] = counts[i];
        }
        int[] check = di.clone();
        Arrays.sort(check);
        for (int j = 1; j < len; j++) {
          if (check[j] == check[j - 1]) {
            throw duplicate(docword, doc + 1, check[j] + 1);
          }
        }
        b.add(di, dc);
      }
      return b.build();
    }
  }

  /** The error for a repeated (docID, wordID) pair: a second pass finds both lines. */
  private static IllegalArgumentException duplicate(Path docword, int doc, int word)
      throws IOException {
    int first = 0;
    try (CorpusFiles.Lines in = CorpusFiles.Lines.open(docword)) {
      String[] f = new String[3];
      String line;
      while ((line = in.next()) != null) {
        if (in.lineNo() > 3 && CorpusFiles.split(line, false, f) == 3
            && CorpusFiles.digits(f[0]) == doc && CorpusFiles.digits(f[1]) == word) {
          if (first == 0) {
            first = in.lineNo();
          } else {
            return in.error("(docID " + doc + ", wordID " + word + ") repeats the entry of line "
                + first + "; expected each (docID, wordID) pair at most once");
          }
        }
      }
    }
    throw new IllegalStateException(docword + " changed while it was read: (docID " + doc
        + ", wordID " + word + ") no longer appears twice");
  }

  /**
   * Writes {@code corpus} in the UCI format: the docword file (gzipped when its name ends in
   * {@code .gz}) with entries sorted by document then word, and, when {@code vocab} is not null,
   * its vocabulary, one word per line. Each file is written to a temporary sibling and moved into
   * place only when both are complete, so a failure leaves existing files unchanged.
   *
   * @throws IllegalArgumentException if the corpus has no documents or a word cannot be written as
   *     one line (empty, surrounding whitespace, a line break); nothing is written then
   * @throws IOException if a file cannot be written
   */
  public static void write(Corpus corpus, Path docword, Path vocab) throws IOException {
    if (corpus.documents() < 1) {
      throw new IllegalArgumentException("UciBagOfWords.write: the corpus has no documents; the "
          + "format needs D ≥ 1");
    }
    if (vocab != null) {
      CorpusFiles.checkWritable(corpus.vocabulary());
    }
    Path tmpDocs = CorpusFiles.writeTemporary(docword, out -> {
      out.write(corpus.documents() + "\n" + corpus.vocabularySize() + "\n" + corpus.nonZeros()
          + "\n");
      StringBuilder sb = new StringBuilder(32);
      for (int doc = 0; doc < corpus.documents(); doc++) {
        for (int j = corpus.start(doc); j < corpus.end(doc); j++) {
          sb.setLength(0);
          sb.append(doc + 1).append(' ').append(corpus.wordId(j) + 1).append(' ')
              .append(corpus.count(j)).append('\n');
          out.append(sb);
        }
      }
    });
    Path tmpVocab = null;
    try {
      if (vocab != null) {
        tmpVocab = CorpusFiles.writeTemporary(vocab, out -> {
          for (String word : corpus.vocabulary()) {
            out.write(word);
            out.write('\n');
          }
        });
      }
      CorpusFiles.commit(tmpDocs, docword);
      if (tmpVocab != null) {
        CorpusFiles.commit(tmpVocab, vocab);
      }
    } finally {
      Files.deleteIfExists(tmpDocs);
      if (tmpVocab != null) {
        Files.deleteIfExists(tmpVocab);
      }
    }
  }
}
