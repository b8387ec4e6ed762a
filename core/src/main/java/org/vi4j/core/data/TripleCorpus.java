package org.vi4j.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a corpus from {@code doc_id word_id count} lines, plain or gzipped, with an optional
 * vocabulary file.
 *
 * <pre>{@code
 * # triples.csv: document 0 has word 4 twice and word 7 once; document 2 has word 0 once
 * 0,4,2
 * 0 7 1
 * 2, 0, 1
 *
 * Corpus c = TripleCorpus.read(Path.of("triples.csv"), null);          // D = 3, V = 8, w0 … w7
 * Corpus named = TripleCorpus.read(Path.of("triples.csv"), Path.of("vocab.txt"));
 * }</pre>
 *
 * <p><strong>Format.</strong> One entry per line: three fields separated by whitespace or by a
 * comma (with optional spaces around it). Ids are <em>0-based</em>: {@code doc_id} ≥ 0,
 * {@code word_id} ≥ 0 (and below V when a vocabulary is given); {@code count} is a positive
 * integer. Everything from a {@code #} to the end of a line is a comment; blank lines are skipped.
 * The vocabulary file has one word per line, the word of line k having id k − 1 (the format
 * {@link UciBagOfWords} and {@link TextFolder#writeVocabulary} use). A file is read through gzip
 * when it starts with the gzip magic bytes.
 *
 * <p><strong>Decisions.</strong> D = max doc_id + 1: documents without entries are empty. Without
 * a vocabulary V = max word_id + 1 and word w is named {@code "w" + w}; with one, V is its size.
 * Lines may come in any order, and a (doc_id, word_id) pair may appear on several lines: their
 * counts are added (so a file with one line per token is accepted). A count of 0 is refused.
 *
 * <p><strong>Errors.</strong> A line without three fields, an id that is not a non-negative
 * integer or is not below V, a negative, zero or fractional count, a file without entries, invalid
 * UTF-8 or a corrupt gzip stream is an {@link IllegalArgumentException} naming the file, the
 * 1-based line, the text found and what is accepted. Reading returns a new corpus or throws.
 */
public final class TripleCorpus {

  private TripleCorpus() {}

  /**
   * Reads {@code triples}; {@code vocab} may be null (see the class javadoc).
   *
   * @throws IllegalArgumentException on bad input
   * @throws IOException if a file cannot be read
   */
  public static Corpus read(Path triples, Path vocab) throws IOException {
    List<String> words = vocab == null ? null : CorpusFiles.readVocabulary(vocab);
    long maxWord = words == null ? Integer.MAX_VALUE - 1 : words.size() - 1;
    String wRange = words == null ? "[0, " + maxWord + "]"
        : "[0, " + maxWord + "] (V = " + words.size() + ", the lines of " + vocab + ")";
    String dRange = "[0, " + (Integer.MAX_VALUE - 2) + "]";
    int[] docs = new int[1024];
    int[] ids = new int[1024];
    int[] counts = new int[1024];
    int n = 0;
    int maxDoc = -1;
    int maxId = -1;
    try (CorpusFiles.Lines in = CorpusFiles.Lines.open(triples)) {
      String[] f = new String[3];
      String raw;
      while ((raw = in.next()) != null) {
        int hash = raw.indexOf('#');
        String line = hash >= 0 ? raw.substring(0, hash) : raw;
        int k = CorpusFiles.split(line, true, f);
        if (k == 0) {
          continue;
        }
        if (k != 3) {
          throw in.error("'" + line.strip() + "' has " + (k < 0 ? "an empty field"
              : k > 3 ? "more than 3 fields" : k + " fields") + "; expected 'doc_id word_id count' "
              + "(three integers separated by spaces or a comma; comments start with #)");
        }
        int doc = CorpusFiles.id(in, f[0], "doc_id", 0, Integer.MAX_VALUE - 2, dRange);
        int word = CorpusFiles.id(in, f[1], "word_id", 0, maxWord, wRange);
        int c = CorpusFiles.count(in, f[2]);
        if (n == docs.length) {
          docs = Arrays.copyOf(docs, 2 * n);
          ids = Arrays.copyOf(ids, 2 * n);
          counts = Arrays.copyOf(counts, 2 * n);
        }
        docs[n] = doc;
        ids[n] = word;
        counts[n] = c;
        n++;
        maxDoc = Math.max(maxDoc, doc);
        maxId = Math.max(maxId, word);
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException(triples + ": no entries; expected lines 'doc_id word_id "
          + "count' (0-based ids)");
    }
    int d = maxDoc + 1;
    Corpus.Builder b = words == null ? Corpus.builder(maxId + 1) : Corpus.builder(words);
    int[] start = new int[d + 1];
    for (int i = 0; i < n; i++) {
      start[docs[i] + 1]++;
    }
    for (int i = 0; i < d; i++) {
      start[i + 1] += start[i];
    }
    int[] order = new int[n];
    int[] next = Arrays.copyOf(start, d);
    for (int i = 0; i < n; i++) {
      order[next[docs[i]]++] = i;
    }
    for (int doc = 0; doc < d; doc++) {
      int len = start[doc + 1] - start[doc];
      int[] di = new int[len];
      int[] dc = new int[len];
      for (int j = 0; j < len; j++) {
        di[j] = ids[order[start[doc] + j]];
        dc[j] = counts[order[start[doc] + j]];
      }
      try {
        b.add(di, dc);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(triples + ": the counts of one word in doc_id " + doc
            + " add up to more than " + Integer.MAX_VALUE, e);
      }
    }
    return b.build();
  }
}
